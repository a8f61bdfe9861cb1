package dev.mailtoken.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.server.HandScheduler;
import dev.mailtoken.server.PostgresServer;
import dev.mailtoken.testsupport.LogCapture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes' delivery workers on one PostgreSQL, released together: every delivery is POSTed exactly once. */
@ExtendWith(PostgresServer.Resolver.class)
class TwoNodeDeliveryTest {
  private static final int EVENTS = 20;

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @Test
  void givenTwoNodesOnOnePostgres_whenBothWorkersRunAtOnce_thenEachDeliveryIsSentExactlyOnce(PostgresServer postgres)
      throws Exception {
    try (WebhookFixture f = new WebhookFixture(postgres.newDatabase())) {
      Webhooks setup = f.webhooks();
      CreatedWebhook hook = setup.create(new NewWebhook(f.receiver.url("/in").toString(),
          List.of(WebhookEventType.ACCOUNT_REMOVED), Optional.empty()), "test");
      logs.forbid(hook.secret().reveal());
      for (int i = 0; i < EVENTS; i++) {
        setup.publish(WebhookEventType.ACCOUNT_REMOVED, "user" + i + "@example.com", Map.of());
      }
      HandScheduler first = new HandScheduler(f.server.clock);
      HandScheduler second = new HandScheduler(f.server.clock);
      Webhooks a = f.webhooks();
      Webhooks b = f.webhooks();
      a.start(first);
      b.start(second);

      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<Integer>> runs = List.of(pool.submit(() -> {
          go.await();
          return first.runDue();
        }), pool.submit(() -> {
          go.await();
          return second.runDue();
        }));
        go.countDown();
        for (Future<Integer> r : runs) {
          assertThat(r.get()).isPositive();
        }
      } finally {
        pool.shutdownNow();
        a.close();
        b.close();
      }

      assertThat(f.receiver.received()).hasSize(EVENTS);
      assertThat(f.receiver.received()).extracting(r -> r.header("webhook-id")).doesNotHaveDuplicates();
      assertThat(setup.deliveries(hook.webhook().id(), 100)).hasSize(EVENTS)
          .allSatisfy(d -> assertThat(d.state()).isEqualTo(DeliveryState.DELIVERED))
          .allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));
    }
  }
}
