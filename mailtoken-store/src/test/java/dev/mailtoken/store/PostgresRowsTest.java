package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL's counterpart of {@link SqliteFileTest}: every row of every table in the store's
 * schema, dumped as text, holds no secret in clear.
 */
@ExtendWith(PostgresDatabases.class)
class PostgresRowsTest extends StoreTestSupport {
  private PostgresServer server;

  @BeforeEach
  void usePostgres(PostgresServer server) {
    this.server = server;
  }

  @Override
  String newDatabaseUrl() throws Exception {
    return server.newDatabase();
  }

  @Test
  void givenAccountsRefreshedAndRotated_whenEveryRowIsDumpedAsText_thenNoSecretAppears() throws Exception {
    List<String> secrets = fillWithRotatedSecrets();

    List<String> tables = new ArrayList<>();
    String rows = allRows(tables);

    assertThat(tables).contains("apps", "accounts");
    assertThat(rows).contains("alice@example.com", "robot@example.com");   // the dump has the rows: a real check
    for (String secret : secrets) {
      assertThat(rows).as("a database row contains a secret in clear").doesNotContain(secret);
    }
  }

  private String allRows(List<String> tables) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Connection c = raw(); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables"
          + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet r = s.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
          while (r.next()) {
            all.append(r.getString(1)).append('\n');
          }
        }
      }
    }
    return all.toString();
  }
}
