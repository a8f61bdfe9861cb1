package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ProactiveRefreshTest {
  private final Harness h = new Harness();

  @Test
  void givenTokenIssued_thenBackgroundRefreshIsScheduledWithinJitterBeforeTheRefreshMargin() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());

    manager.token(Harness.ACCOUNT);

    Instant refreshAt = Harness.START.plus(Duration.ofHours(1)).minus(Duration.ofMinutes(5));
    assertThat(h.scheduler.pending()).singleElement()
        .satisfies(due -> assertThat(due).isBetween(refreshAt.minusSeconds(30), refreshAt));
  }

  @Test
  void givenScheduledTimeReached_whenSchedulerRuns_thenTokenIsRefreshedWithoutACaller() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    manager.token(Harness.ACCOUNT);

    h.scheduler.advanceToNextAndRun();

    assertThat(h.endpoint.calls).hasValue(2);
    assertThat(manager.token(Harness.ACCOUNT).value().reveal()).isEqualTo("ya29.access-2");
    assertThat(h.endpoint.calls).hasValue(2);
  }

  @Test
  void givenTokenInsideRefreshMargin_whenAsked_thenCurrentTokenIsServedWhileOneRefreshRuns() throws Exception {
    QueueExecutor refresher = new QueueExecutor();
    TokenManager manager = h.builderWithExecutor(refresher).build();
    manager.register(Harness.refreshAccount());
    manager.tokenAsync(Harness.ACCOUNT);
    refresher.runAll();
    AccessToken current = manager.token(Harness.ACCOUNT);
    h.clock.advance(Duration.ofMinutes(56));

    AccessToken a = manager.token(Harness.ACCOUNT);
    AccessToken b = manager.token(Harness.ACCOUNT);

    assertThat(a).isSameAs(current);
    assertThat(b).isSameAs(current);
    assertThat(refresher.size()).isEqualTo(1);
    refresher.runAll();
    assertThat(manager.token(Harness.ACCOUNT).value().reveal()).isEqualTo("ya29.access-2");
  }

  @Test
  void givenTokenPastExpiryMargin_whenAsked_thenCallerWaitsForANewToken() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    manager.token(Harness.ACCOUNT);
    h.clock.advance(Duration.ofMinutes(59).plusSeconds(31));

    AccessToken token = manager.token(Harness.ACCOUNT);

    assertThat(token.value().reveal()).isEqualTo("ya29.access-2");
  }

  @Test
  void givenManyAccounts_whenTokensIssuedAtOnce_thenBackgroundRefreshTimesAreSpread() throws Exception {
    TokenManager manager = h.builderWithBackoff(new BackoffPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), 0.5,
        new SplittableRandom(7))).build();
    for (int i = 0; i < 20; i++) {
      manager.register(new Account("user" + i + "@example.com", Harness.refreshAccount().grant()));
      manager.token("user" + i + "@example.com");
    }

    assertThat(new TreeSet<>(h.scheduler.pending())).hasSizeGreaterThan(15);
  }

  @Test
  void givenAccountRemoved_whenScheduledTimeReached_thenNothingIsRefreshed() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    manager.token(Harness.ACCOUNT);

    manager.remove(Harness.ACCOUNT);

    assertThat(h.scheduler.pending()).isEmpty();
    assertThat(h.endpoint.calls).hasValue(1);
  }

  @Test
  void givenManagerClosed_thenProactiveRefreshStops() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    manager.token(Harness.ACCOUNT);

    manager.close();

    assertThat(h.scheduler.pending()).isEmpty();
  }
}
