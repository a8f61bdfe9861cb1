package dev.mailtoken.server.internal;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.StoreException;
import dev.mailtoken.store.internal.StoreDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The server's tables, in the credential store's own database (SQLite or PostgreSQL), with the
 * server's migrations ({@code db/server}, history table {@code server_schema_history}) kept
 * apart from the store's, so either can evolve on its own.
 *
 * <p>{@link #write} is one transaction: on SQLite it starts with {@code BEGIN IMMEDIATE} (the
 * database's write lock, as the store does), on PostgreSQL an ordinary transaction whose row
 * locks the work takes ({@link #forUpdate()}). Shared internals of {@code mailtoken-server}, not
 * a user API. Thread-safe; the connections are the store's, closed with the store.
 */
public final class ServerDatabase {
  /** The server's Flyway history table, next to the store's {@code mailtoken_schema_history}. */
  public static final String HISTORY_TABLE = "server_schema_history";

  private final DataSource dataSource;
  private final boolean postgresql;
  private final String description;

  private ServerDatabase(StoreDatabase db) {
    this.dataSource = db.dataSource();
    this.postgresql = db.postgresql();
    this.description = db.description();
  }

  /**
   * The server's tables in {@code store}'s database, migrated to the newest version.
   *
   * @throws StoreException when the migration fails (the message says why)
   */
  public static ServerDatabase open(CredentialStore store) throws MailtokenException {
    Objects.requireNonNull(store, "store");
    ServerDatabase db = new ServerDatabase(store.internalDatabase());
    db.migrate();
    return db;
  }

  private void migrate() throws StoreException {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/server")
          .table(HISTORY_TABLE)
          // The store's tables are already there: version 0 stands for them.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException("Could not prepare the server's tables in " + description + ": " + e.getMessage(), e);
    }
  }

  /** True for PostgreSQL, false for SQLite. */
  public boolean postgresql() {
    return postgresql;
  }

  /** Where the database is, without credentials. */
  public String description() {
    return description;
  }

  /** The row-lock suffix for a SELECT inside {@link #write}: none on SQLite (the whole file is locked). */
  public String forUpdate() {
    return postgresql ? " FOR UPDATE" : "";
  }

  /** Runs {@code work} on a connection in auto-commit mode. */
  public <T> T read(SqlWork<T> work) throws MailtokenException {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Runs {@code work} in one transaction; commits when it returns, rolls back when it throws. */
  public <T> T write(SqlWork<T> work) throws MailtokenException {
    try (Connection c = dataSource.getConnection()) {
      begin(c);
      try {
        T result = work.run(c);
        commit(c);
        return result;
      } catch (SQLException | MailtokenException | RuntimeException e) {
        rollback(c, e);
        throw e;
      } finally {
        if (postgresql) {
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** True when a trivial query answers within {@code timeoutSeconds}: for {@code /health/ready}. */
  public boolean reachable(int timeoutSeconds) {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(timeoutSeconds);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  private void begin(Connection c) throws SQLException {
    if (postgresql) {
      c.setAutoCommit(false);
    } else {
      execute(c, "BEGIN IMMEDIATE");
    }
  }

  private void commit(Connection c) throws SQLException {
    if (postgresql) {
      c.commit();
    } else {
      execute(c, "COMMIT");
    }
  }

  private void rollback(Connection c, Exception cause) {
    try {
      if (postgresql) {
        c.rollback();
      } else {
        execute(c, "ROLLBACK");
      }
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** A database failure as the store reports them, naming the database but no credentials. */
  public StoreException failure(SQLException e) {
    return new StoreException("Database error on " + description + ": " + e.getMessage(), e);
  }

  /** True when {@code e} is a primary-key or unique violation. */
  public static boolean isDuplicate(SQLException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    return "23505".equals(e.getSQLState()) || m.contains("UNIQUE constraint") || m.contains("PRIMARYKEY");
  }

  @Override
  public String toString() {
    return "ServerDatabase[" + description + "]";
  }
}
