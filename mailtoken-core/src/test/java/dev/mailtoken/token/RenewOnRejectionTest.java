package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.TransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RenewOnRejectionTest {
  private final Harness h = new Harness();

  @Test
  void givenBurstOfRejectionsOfOneToken_whenRenewedConcurrently_thenOneRefresh() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    AccessToken rejected = manager.token(Harness.ACCOUNT);
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<AccessToken>> renewed = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        renewed.add(pool.submit(() -> {
          start.await();
          return manager.renew(Harness.ACCOUNT, rejected);
        }));
      }
      start.countDown();
      for (Future<AccessToken> f : renewed) {
        assertThat(f.get(10, TimeUnit.SECONDS).value().reveal()).isEqualTo("ya29.access-2");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(h.endpoint.calls).hasValue(2);
  }

  @Test
  void givenRejectedTokenAlreadyReplaced_whenRenewed_thenCurrentTokenWithoutRefresh() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    AccessToken rejected = manager.token(Harness.ACCOUNT);
    AccessToken replacement = manager.renew(Harness.ACCOUNT, rejected);

    AccessToken again = manager.renew(Harness.ACCOUNT, rejected);

    assertThat(again).isSameAs(replacement);
    assertThat(h.endpoint.calls).hasValue(2);
  }

  @Test
  void givenCallbackGrant_whenRenewed_thenCallbackIsToldToRenew() throws Exception {
    List<Boolean> renewFlags = new CopyOnWriteArrayList<>();
    TokenManager manager = h.builder().build();
    manager.register(Harness.callbackAccount((account, renew) -> {
      renewFlags.add(renew);
      return AccessToken.of("ya29.cb-" + renewFlags.size(), h.clock.instant().plus(Duration.ofHours(1)));
    }));

    AccessToken first = manager.token(Harness.ACCOUNT);
    manager.renew(Harness.ACCOUNT, first);

    assertThat(renewFlags).containsExactly(false, true);
  }

  @Test
  void givenRenewFailsTransiently_whenTokenAsked_thenRejectedTokenIsNotServedAgain() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    AccessToken rejected = manager.token(Harness.ACCOUNT);
    h.endpoint.responder = (n, rt) -> {
      if (n == 2) {
        throw new TransientException("503", null, null, null, null);
      }
      return h.endpoint.response("ya29.after-outage", Duration.ofHours(1), null);
    };
    assertThatThrownBy(() -> manager.renew(Harness.ACCOUNT, rejected)).isInstanceOf(TransientException.class);

    AccessToken next = manager.token(Harness.ACCOUNT);

    assertThat(next.value().reveal()).isEqualTo("ya29.after-outage");
  }

  @Test
  void givenTokenSource_whenRenewRequested_thenItRenewsTheTokenItHandedOut() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    TokenSource source = manager.source(Harness.ACCOUNT);
    AccessToken first = source.token(false);

    AccessToken renewed = source.token(true);

    assertThat(renewed.value()).isNotEqualTo(first.value());
    assertThat(source.token(false)).isSameAs(renewed);
    assertThat(h.endpoint.calls).hasValue(2);
  }

  @Test
  void givenRenewAsync_whenRejected_thenNewTokenCompletesTheFuture() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    AccessToken rejected = manager.token(Harness.ACCOUNT);

    AccessToken renewed = manager.renewAsync(Harness.ACCOUNT, rejected).get(5, TimeUnit.SECONDS);

    assertThat(renewed.value().reveal()).isEqualTo("ya29.access-2");
  }
}
