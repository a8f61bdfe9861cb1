package dev.mailtoken.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ClosedStoreBehaviour} on PostgreSQL (embedded, one server per test run, one database per test). */
@ExtendWith(PostgresDatabases.class)
class PostgresClosedStoreTest extends ClosedStoreBehaviour {
  private PostgresServer server;

  @BeforeEach
  void usePostgres(PostgresServer server) {
    this.server = server;
  }

  @Override
  String newDatabaseUrl() throws Exception {
    return server.newDatabase();
  }
}
