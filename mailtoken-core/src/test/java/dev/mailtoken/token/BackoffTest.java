package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.TransientException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Harness h = new Harness();

  @Test
  void givenNoJitter_whenFailuresAccumulate_thenDelaysDoubleUpToTheCap() {
    BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), 0, new SplittableRandom(1));

    assertThat(policy.delay(1, Optional.empty())).isEqualTo(Duration.ofSeconds(5));
    assertThat(policy.delay(2, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.delay(3, Optional.empty())).isEqualTo(Duration.ofSeconds(20));
    assertThat(policy.delay(4, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delay(64, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void givenJitter_whenDelaysDrawn_thenTheyVaryWithinTheJitterFraction() {
    BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(10), Duration.ofMinutes(1), 0.5, new SplittableRandom(3));

    var delays = java.util.stream.IntStream.range(0, 50).mapToObj(i -> policy.delay(1, Optional.empty())).toList();

    assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    assertThat(delays.stream().distinct().count()).isGreaterThan(10);
  }

  @Test
  void givenRetryAfterLongerThanBackoff_whenDelayDrawn_thenRetryAfterWins() {
    BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), 0, new SplittableRandom(1));

    assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(120)))).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void givenTransientFailureWhileTokenValid_whenAsked_thenTokenServedAndEventHasNextRetry() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    AccessToken current = manager.token(Harness.ACCOUNT);
    h.endpoint.responder = (n, rt) -> {
      throw new TransientException("503", null, null, null, null);
    };

    h.scheduler.advanceToNextAndRun();

    assertThat(manager.token(Harness.ACCOUNT)).isSameAs(current);
    TokenEvent.RefreshFailed failed = h.events.of(TokenEvent.RefreshFailed.class).get(0);
    assertThat(failed.nextRetry()).isBetween(h.clock.instant().plusMillis(2500), h.clock.instant().plusSeconds(5));
    assertThat(failed.error()).isInstanceOf(TransientException.class);
    assertThat(manager.status(Harness.ACCOUNT).orElseThrow().health()).isEqualTo(AccountHealth.REFRESH_FAILING);
    assertThat(h.scheduler.pending()).containsExactly(failed.nextRetry());
  }

  @Test
  void givenBackingOff_whenCallersAskInsideTheMargin_thenNoAttemptBeforeNextRetry() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    manager.token(Harness.ACCOUNT);
    h.endpoint.responder = (n, rt) -> {
      throw new TransientException("503", null, null, null, null);
    };
    h.scheduler.advanceToNextAndRun();
    int attempts = h.endpoint.calls.get();
    Instant nextRetry = h.events.of(TokenEvent.RefreshFailed.class).get(0).nextRetry();

    h.clock.set(nextRetry.minusMillis(1));
    for (int i = 0; i < 10; i++) {
      manager.token(Harness.ACCOUNT);
    }

    assertThat(h.endpoint.calls).hasValue(attempts);
  }

  @Test
  void givenRetryFromBackoffSucceeds_thenAccountIsHealthyAgain() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    manager.token(Harness.ACCOUNT);
    h.endpoint.responder = (n, rt) -> {
      if (n == 2) {
        throw new TransientException("503", null, null, null, null);
      }
      return h.endpoint.response("ya29.recovered", Duration.ofHours(1), null);
    };
    h.scheduler.advanceToNextAndRun();

    h.scheduler.advanceToNextAndRun();

    assertThat(manager.status(Harness.ACCOUNT).orElseThrow().health()).isEqualTo(AccountHealth.HEALTHY);
    assertThat(manager.token(Harness.ACCOUNT).value().reveal()).isEqualTo("ya29.recovered");
  }

  @Test
  void givenTokenExpired_whenRefreshFailsTransiently_thenCallerGetsTheTransientException() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    manager.token(Harness.ACCOUNT);
    h.endpoint.responder = (n, rt) -> {
      throw new TransientException("503", null, null, Duration.ofSeconds(7), null);
    };
    h.clock.advance(Duration.ofHours(1));

    assertThatThrownBy(() -> manager.token(Harness.ACCOUNT))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining(Harness.ACCOUNT)
        .satisfies(e -> assertThat(((TransientException) e).retryAfter()).contains(Duration.ofSeconds(7)));
  }
}
