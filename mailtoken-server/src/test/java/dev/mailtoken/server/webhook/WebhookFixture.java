package dev.mailtoken.server.webhook;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.HandScheduler;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.store.CredentialStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The webhook facade on a fresh SQLite store, with a hand-run scheduler and a test clock, a
 * loopback receiver, and a record of every attempt's outcome. Close it after the test.
 */
final class WebhookFixture implements AutoCloseable {
  static final Duration TTL = Duration.ofHours(1);

  final ServerFixture server;
  final HandScheduler scheduler;
  final WebhookReceiver receiver = new WebhookReceiver();
  final List<String> outcomes = new CopyOnWriteArrayList<>();
  final CredentialStore store;
  final ServerDatabase db;
  private final List<Webhooks> started = new ArrayList<>();

  WebhookFixture(Path dir) throws MailtokenException {
    this(new ServerFixture(dir));
  }

  /** On the database at {@code jdbcUrl} (PostgreSQL for the multi-node tests). */
  WebhookFixture(String jdbcUrl) throws MailtokenException {
    this(new ServerFixture(jdbcUrl));
  }

  private WebhookFixture(ServerFixture server) throws MailtokenException {
    this.server = server;
    scheduler = new HandScheduler(server.clock);
    store = server.store();
    db = ServerDatabase.open(store);
  }

  /** Short backoff (10 s doubling to 2 min) and a 1 h TTL, so tests walk through retries quickly. */
  static WebhookSettings settings(boolean allowPlainHttp) {
    return new WebhookSettings(allowPlainHttp, TTL, Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofMinutes(2), Duration.ofSeconds(30));
  }

  /** A facade not yet started (as another node's, on the same database, would be). */
  Webhooks webhooks() {
    return new Webhooks(db, store.internalSealedFields(), new AuditLog(db, server.clock), server.clock,
        settings(false), (type, outcome) -> outcomes.add(type.wireName() + " " + outcome.wireName()));
  }

  /** A started facade on the hand-run scheduler. */
  Webhooks started() throws MailtokenException {
    Webhooks w = webhooks();
    w.start(scheduler);
    started.add(w);
    return w;
  }

  @Override
  public void close() {
    started.forEach(Webhooks::close);
    receiver.close();
    server.close();
  }
}
