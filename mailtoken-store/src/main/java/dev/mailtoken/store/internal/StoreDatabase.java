package dev.mailtoken.store.internal;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * <b>Not a user API</b>: the credential store's database, handed to {@code mailtoken-server} so
 * that it keeps its own tables (with its own migrations and history table) in the same database
 * and follows the same transaction discipline. It may change in any release; applications use
 * {@link dev.mailtoken.store.CredentialStore} only. The store's {@code module-info} exports
 * this package to {@code dev.mailtoken.server} only (a qualified export); on the class path, where
 * every public type is reachable, its name and this comment are the only fence.
 *
 * @param dataSource the store's connections (SQLite: a new connection each time; PostgreSQL: the pool)
 * @param postgresql true for PostgreSQL, false for SQLite
 * @param description where the database is, without credentials: for messages
 */
public record StoreDatabase(DataSource dataSource, boolean postgresql, String description) {
  public StoreDatabase {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(description, "description");
  }
}
