package dev.mailtoken.server.webhook;

import dev.mailtoken.server.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link WebhookRestartBehaviour} on an embedded PostgreSQL. */
@ExtendWith(PostgresServer.Resolver.class)
class PostgresWebhookRestartTest extends WebhookRestartBehaviour {
  private static PostgresServer postgres;

  @BeforeAll
  static void postgres(PostgresServer server) {
    postgres = server;
  }

  @Override
  String newDatabaseUrl() throws Exception {
    return postgres.newDatabase();
  }
}
