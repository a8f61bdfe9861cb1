package dev.mailtoken.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.server.webhook.WebhookReceiver.Received;
import dev.mailtoken.testsupport.LogCapture;
import java.net.ServerSocket;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The delivery worker: real POSTs to a loopback receiver, retries on a hand-run scheduler and a test clock. */
class WebhookDeliveryTest {
  private static final String ALICE = "alice@example.com";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  java.nio.file.Path dir;

  WebhookFixture f;
  Webhooks webhooks;

  @BeforeEach
  void start() throws Exception {
    f = new WebhookFixture(dir);
    webhooks = f.started();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private CreatedWebhook hook(String path, WebhookEventType... events) throws Exception {
    CreatedWebhook created = webhooks.create(new NewWebhook(f.receiver.url(path).toString(), List.of(events),
        Optional.of("test")), "test");
    logs.forbid(created.secret().reveal());
    return created;
  }

  private Delivery onlyDelivery(CreatedWebhook hook) throws Exception {
    List<Delivery> log = webhooks.deliveries(hook.webhook().id(), 10);
    assertThat(log).hasSize(1);
    return log.get(0);
  }

  @Test
  void givenAWebhookForAnEvent_whenPublished_thenOneSignedPostArrivesAndTheLogSaysDelivered() throws Exception {
    CreatedWebhook hook = hook("/hook", WebhookEventType.ACCOUNT_REMOVED);

    assertThat(webhooks.publish(WebhookEventType.ACCOUNT_REMOVED, ALICE, Map.of())).isEqualTo(1);
    f.scheduler.runDue();

    Received r = f.receiver.received().get(0);
    assertThat(f.receiver.received()).hasSize(1);
    assertThat(r.path()).isEqualTo("/hook");
    assertThat(r.header("content-type")).isEqualTo("application/json");
    assertThat(r.header("webhook-id")).startsWith("msg_");
    assertThat(r.header("webhook-timestamp")).isEqualTo(Long.toString(f.server.clock.instant().getEpochSecond()));
    assertThat(r.body()).isEqualTo("{\"type\":\"account.removed\",\"timestamp\":\"" + f.server.clock.instant()
        + "\",\"data\":{\"account\":\"alice@example.com\"}}");
    assertThat(WebhookVerification.verify(hook.secret().reveal(), r.header("webhook-id"), r.header("webhook-timestamp"),
        r.header("webhook-signature"), r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        f.server.clock.instant())).isTrue();
    Delivery d = onlyDelivery(hook);
    assertThat(d.state()).isEqualTo(DeliveryState.DELIVERED);
    assertThat(d.attempts()).isEqualTo(1);
    assertThat(d.lastStatus()).contains(200);
    assertThat(d.eventId()).isEqualTo(r.header("webhook-id"));
    assertThat(f.outcomes).containsExactly("account.removed delivered");
  }

  @Test
  void givenAWebhookForOtherEvents_whenPublished_thenNothingIsStoredOrSent() throws Exception {
    CreatedWebhook hook = hook("/rotations", WebhookEventType.TOKEN_ROTATED);

    assertThat(webhooks.publish(WebhookEventType.ACCOUNT_REMOVED, ALICE, Map.of())).isZero();
    f.scheduler.runDue();

    assertThat(f.receiver.received()).isEmpty();
    assertThat(webhooks.deliveries(hook.webhook().id(), 10)).isEmpty();
  }

  @Test
  void givenAReceiverFailingTwice_whenRetried_thenTheThirdAttemptDeliversAfterGrowingJitteredWaitsWithOneEventId()
      throws Exception {
    CreatedWebhook hook = hook("/flaky", WebhookEventType.ACCOUNT_REMOVED);
    f.receiver.answer(500, 503);
    webhooks.publish(WebhookEventType.ACCOUNT_REMOVED, ALICE, Map.of());

    f.scheduler.runDue();
    Instant first = f.server.clock.instant();
    Delivery afterOne = onlyDelivery(hook);
    assertThat(afterOne.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(afterOne.lastStatus()).contains(500);
    assertThat(afterOne.nextAttemptAt().orElseThrow()).isBetween(first.plusSeconds(5), first.plusSeconds(10));

    f.server.clock.set(afterOne.nextAttemptAt().get());
    f.scheduler.runDue();
    Instant second = f.server.clock.instant();
    Delivery afterTwo = onlyDelivery(hook);
    assertThat(afterTwo.attempts()).isEqualTo(2);
    assertThat(afterTwo.nextAttemptAt().orElseThrow()).isBetween(second.plusSeconds(10), second.plusSeconds(20));

    f.server.clock.set(afterTwo.nextAttemptAt().get());
    f.scheduler.runDue();

    assertThat(onlyDelivery(hook).state()).isEqualTo(DeliveryState.DELIVERED);
    List<Received> posts = f.receiver.received();
    assertThat(posts).hasSize(3);
    assertThat(posts).extracting(p -> p.header("webhook-id")).containsOnly(posts.get(0).header("webhook-id"));
    assertThat(posts).extracting(p -> p.header("webhook-timestamp")).doesNotHaveDuplicates();
    assertThat(f.outcomes).containsExactly("account.removed retrying", "account.removed retrying",
        "account.removed delivered");
  }

  @Test
  void givenAReceiverThatAlwaysFails_whenTheRetryTtlRunsOut_thenTheDeliveryIsGivenUpAndNothingMoreIsSent()
      throws Exception {
    CreatedWebhook hook = hook("/down", WebhookEventType.ACCOUNT_REMOVED);
    f.receiver.always(503);
    Instant published = f.server.clock.instant();
    webhooks.publish(WebhookEventType.ACCOUNT_REMOVED, ALICE, Map.of());

    f.scheduler.runDue();
    while (onlyDelivery(hook).state() == DeliveryState.PENDING) {
      f.server.clock.set(onlyDelivery(hook).nextAttemptAt().orElseThrow());
      f.scheduler.runDue();
    }
    int posts = f.receiver.received().size();
    f.server.clock.advance(Duration.ofDays(1));
    f.scheduler.runDue();

    Delivery d = onlyDelivery(hook);
    assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(d.attempts()).isEqualTo(posts).isGreaterThan(5);
    assertThat(d.lastAttemptAt().orElseThrow()).isBefore(published.plus(WebhookFixture.TTL));
    assertThat(d.lastError()).contains("answered 503");
    assertThat(f.receiver.received()).hasSize(posts);
    assertThat(f.outcomes).last().isEqualTo("account.removed failed");
  }

  @Test
  void givenNothingListensOnThePort_whenDelivering_thenTheLogSaysItCouldNotConnectAndItIsRetried() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    CreatedWebhook hook = webhooks.create(new NewWebhook("http://127.0.0.1:" + closed + "/hook",
        List.of(WebhookEventType.ACCOUNT_REMOVED), Optional.empty()), "test");
    webhooks.publish(WebhookEventType.ACCOUNT_REMOVED, ALICE, Map.of());

    f.scheduler.runDue();

    Delivery d = onlyDelivery(hook);
    assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
    assertThat(d.lastStatus()).isEmpty();
    assertThat(d.lastError()).contains("could not connect to 127.0.0.1:" + closed);
  }

  @Test
  void givenAWebhookUrlChangedInTheDatabase_whenDelivering_thenNothingIsSentAndTheDeliveryFailsItsIntegrityCheck()
      throws Exception {
    CreatedWebhook hook = hook("/legit", WebhookEventType.ACCOUNT_REMOVED);
    try (WebhookReceiver attacker = new WebhookReceiver()) {
      f.db.write(c -> {
        try (PreparedStatement ps = c.prepareStatement("UPDATE webhooks SET url = ? WHERE id = ?")) {
          ps.setString(1, attacker.url("/steal").toString());
          ps.setString(2, hook.webhook().id());
          return ps.executeUpdate();
        }
      });
      webhooks.publish(WebhookEventType.ACCOUNT_REMOVED, ALICE, Map.of());

      f.scheduler.runDue();

      assertThat(attacker.received()).isEmpty();
      Delivery d = onlyDelivery(hook);
      assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
      assertThat(d.lastError().orElseThrow()).contains("sealed for another URL");
    }
  }
}
