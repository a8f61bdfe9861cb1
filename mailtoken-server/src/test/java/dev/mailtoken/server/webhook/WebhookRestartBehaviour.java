package dev.mailtoken.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.server.HandScheduler;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerConfig;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.server.webhook.WebhookReceiver.Received;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server stopped with a delivery pending; a new instance on the same database delivers it. Run
 * on SQLite and PostgreSQL.
 */
abstract class WebhookRestartBehaviour {
  private static final String ALICE = "alice@example.com";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  ServerFixture fixture;
  WebhookReceiver receiver = new WebhookReceiver();
  HandScheduler firstScheduler;
  MailtokenServer first;
  String secret;

  @BeforeEach
  void startFirstServerWithAWebhook() throws Exception {
    fixture = new ServerFixture(newDatabaseUrl());
    firstScheduler = new HandScheduler(fixture.clock);
    first = fixture.start(ServerConfig.defaults(), Optional.of(firstScheduler));
    String admin = first.firstAdminToken().orElseThrow().value().reveal();
    logs.forbid(admin);
    HttpResponse<String> r = new Http(first.url()).postJson("/v1/webhooks", admin, "{\"url\":\""
        + receiver.url("/in") + "\",\"events\":[\"account.removed\"]}");
    JsonNode created = Http.json(r);
    secret = created.get("secret").asText();
    logs.forbid(secret);
  }

  /** A new empty database for this test. */
  abstract String newDatabaseUrl() throws Exception;

  @AfterEach
  void stop() {
    receiver.close();
    fixture.close();
  }

  private MailtokenServer restart(HandScheduler scheduler) throws Exception {
    first.stop();
    return fixture.start(ServerConfig.defaults(), Optional.of(scheduler));
  }

  private boolean verifies(Received r) throws Exception {
    return WebhookVerification.verify(secret, r.header("webhook-id"), r.header("webhook-timestamp"),
        r.header("webhook-signature"), r.body().getBytes(StandardCharsets.UTF_8), fixture.clock.instant());
  }

  @Test
  void givenADeliveryNotYetSent_whenTheServerStopsAndANewOneStartsOnTheSameDatabase_thenItArrivesOnce()
      throws Exception {
    first.webhooks().publish(WebhookEventType.ACCOUNT_REMOVED, ALICE, Map.of());
    assertThat(receiver.received()).isEmpty();

    HandScheduler second = new HandScheduler(fixture.clock);
    restart(second);
    second.runDue();
    firstScheduler.runDue();

    assertThat(receiver.received()).hasSize(1);
    assertThat(receiver.received().get(0).body()).contains("\"type\":\"account.removed\"").contains(ALICE);
    assertThat(verifies(receiver.received().get(0))).isTrue();
  }

  @Test
  void givenADeliveryWaitingForItsRetry_whenTheServerRestarts_thenTheNewInstanceRetriesItWhenDue() throws Exception {
    receiver.answer(503);
    first.webhooks().publish(WebhookEventType.ACCOUNT_REMOVED, ALICE, Map.of());
    firstScheduler.runDue();
    assertThat(receiver.received()).hasSize(1);

    HandScheduler second = new HandScheduler(fixture.clock);
    restart(second);
    second.runDue();
    assertThat(receiver.received()).as("not due yet").hasSize(1);
    second.advanceToNextAndRun();

    assertThat(receiver.received()).hasSize(2);
    assertThat(receiver.received().get(1).header("webhook-id")).isEqualTo(receiver.received().get(0).header("webhook-id"));
    assertThat(verifies(receiver.received().get(1))).isTrue();
  }
}
