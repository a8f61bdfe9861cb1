package dev.mailtoken.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL for the whole test run (started on first use, stopped when JUnit's
 * root context closes); every test gets a database of its own.
 */
final class PostgresServer implements ExtensionContext.Store.CloseableResource {
  private final EmbeddedPostgres postgres;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer() {
    try {
      postgres = EmbeddedPostgres.builder()
          // The default 10 s is too short on a loaded 2-core CI machine (seen: initdb alone took longer).
          .setPGStartupWait(java.time.Duration.ofSeconds(90))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PostgresServer in(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(PostgresServer.class, k -> new PostgresServer(), PostgresServer.class);
  }

  /** A new, empty database and its JDBC URL (user and password in the URL). */
  String newDatabase() throws SQLException {
    String name = "mailtoken_test_" + databases.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
