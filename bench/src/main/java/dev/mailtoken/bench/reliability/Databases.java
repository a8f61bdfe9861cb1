package dev.mailtoken.bench.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Where each row's store lives: SQLite in the row's home, or a new database on one embedded
 * PostgreSQL server (on loopback, started on first use, stopped by {@link #close}).
 */
final class Databases implements AutoCloseable {
  private EmbeddedPostgres postgres;
  private int created;

  /** The JDBC URL for a row on {@code kind}; empty for SQLite (the CLI's default file in the home). */
  Optional<String> newStore(StoreKind kind) throws IOException, SQLException {
    if (kind == StoreKind.SQLITE) {
      return Optional.empty();
    }
    if (postgres == null) {
      postgres = EmbeddedPostgres.builder().start();
    }
    String name = "mailtoken_reliability_" + (++created);
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return Optional.of(postgres.getJdbcUrl("postgres", name));
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }
}
