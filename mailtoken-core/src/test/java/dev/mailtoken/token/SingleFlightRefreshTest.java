package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.TransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightRefreshTest {
  private static final int THREADS = 64;

  private final Harness h = new Harness();
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void givenNoToken_whenManyThreadsAskAtOnce_thenOneRefreshAndEveryoneGetsTheSameToken() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<AccessToken>> results = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return manager.token(Harness.ACCOUNT);
      }));
    }

    start.countDown();

    AccessToken first = results.get(0).get(10, TimeUnit.SECONDS);
    for (Future<AccessToken> f : results) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
    }
    assertThat(h.endpoint.calls).hasValue(1);
  }

  @Test
  void givenRefreshInFlight_whenMoreCallersArrive_thenTheyJoinIt() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    QueueExecutor refresher = new QueueExecutor();
    TokenManager manager = h.builderWithExecutor(refresher).build();
    manager.register(Harness.callbackAccount((account, renew) -> {
      calls.incrementAndGet();
      gate.await();
      return AccessToken.of("ya29.callback-token", h.clock.instant().plus(Duration.ofHours(1)));
    }));

    List<CompletableFuture<AccessToken>> futures = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      futures.add(manager.tokenAsync(Harness.ACCOUNT));
    }
    gate.countDown();
    refresher.runAll();

    assertThat(calls).hasValue(1);
    assertThat(futures).allSatisfy(f -> assertThat(f.get().value().reveal()).isEqualTo("ya29.callback-token"));
  }

  @Test
  void givenRefreshFails_whenManyAreWaiting_thenAllGetTheSameException() {
    QueueExecutor refresher = new QueueExecutor();
    TransientException boom = new TransientException("provider down", Harness.ACCOUNT, null, null, null);
    TokenManager manager = h.builderWithExecutor(refresher).build();
    manager.register(Harness.callbackAccount((account, renew) -> {
      throw boom;
    }));

    List<CompletableFuture<AccessToken>> futures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      futures.add(manager.tokenAsync(Harness.ACCOUNT));
    }
    assertThat(refresher.runAll()).isEqualTo(1);

    assertThat(futures).allSatisfy(f -> assertThat(cause(f)).isSameAs(boom));
  }

  @Test
  void givenFreshToken_whenAskedRepeatedly_thenNoFurtherRefresh() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    AccessToken first = manager.token(Harness.ACCOUNT);

    h.clock.advance(Duration.ofMinutes(54));
    AccessToken later = manager.token(Harness.ACCOUNT);

    assertThat(later).isSameAs(first);
    assertThat(h.endpoint.calls).hasValue(1);
  }

  @Test
  void givenFailedRefresh_whenAskedAgain_thenANewRefreshIsTried() throws Exception {
    TokenManager manager = h.builder().build();
    manager.register(Harness.refreshAccount());
    h.endpoint.responder = (n, rt) -> {
      if (n == 1) {
        throw new TransientException("503", null, null, null, null);
      }
      return h.endpoint.response("ya29.second", Duration.ofHours(1), null);
    };
    assertThat(manager.tokenAsync(Harness.ACCOUNT)).isCompletedExceptionally();

    AccessToken token = manager.token(Harness.ACCOUNT);

    assertThat(token.value().reveal()).isEqualTo("ya29.second");
    assertThat(h.endpoint.calls).hasValue(2);
  }

  private static Throwable cause(CompletableFuture<?> f) {
    try {
      f.get();
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
