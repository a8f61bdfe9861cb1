package dev.mailtoken.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One embedded PostgreSQL for the whole test run (started on first use, stopped when JUnit's root
 * context closes); every test gets a database of its own.
 */
public final class PostgresServer implements ExtensionContext.Store.CloseableResource {
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

  public static PostgresServer in(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(PostgresServer.class, k -> new PostgresServer(), PostgresServer.class);
  }

  /** A new, empty database and its JDBC URL. */
  public String newDatabase() throws SQLException {
    String name = "mailtoken_server_test_" + databases.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  /** Resolves a {@link PostgresServer} test parameter: {@code @ExtendWith(PostgresServer.Resolver.class)}. */
  public static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return in(context);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
