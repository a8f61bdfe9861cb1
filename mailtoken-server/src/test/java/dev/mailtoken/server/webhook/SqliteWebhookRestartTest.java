package dev.mailtoken.server.webhook;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link WebhookRestartBehaviour} on SQLite. */
class SqliteWebhookRestartTest extends WebhookRestartBehaviour {
  @TempDir
  Path dir;

  @Override
  String newDatabaseUrl() {
    return "jdbc:sqlite:" + dir.resolve("mailtoken.db");
  }
}
