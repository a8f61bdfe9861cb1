package dev.mailtoken.testkit;

import static dev.mailtoken.testkit.Emulators.GMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private static final int CALLERS = 300;

  @Test
  void givenManyConcurrentRefreshes_whenReleasedTogether_thenAllServedAndCountedExactly() throws Exception {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE))) {
      String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of(GMAIL));
      Http http = new Http();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
          results.add(pool.submit(() -> {
            start.await();
            return Emulators.refresh(http, emulator, rt).statusCode();
          }));
        }
        start.countDown();
        for (Future<Integer> result : results) {
          assertThat(result.get()).isEqualTo(200);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(CALLERS);
      assertThat(emulator.requests(Endpoint.TOKEN)).hasSize(CALLERS);
    }
  }

  @Test
  void givenReuseDetection_whenTwoRefreshesRaceWithOneToken_thenExactlyOneSucceeds() throws Exception {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GENERIC)
        .rotation(RotationPolicy.ROTATE_REUSE_DETECTION))) {
      String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of("mail"));
      Http http = new Http();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<Integer> a = pool.submit(() -> {
          start.await();
          return Emulators.refresh(http, emulator, rt).statusCode();
        });
        Future<Integer> b = pool.submit(() -> {
          start.await();
          return Emulators.refresh(http, emulator, rt).statusCode();
        });
        start.countDown();
        assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(200, 400);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
