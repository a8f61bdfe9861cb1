package dev.mailtoken.bench;

import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.RefreshTokenGrant;
import dev.mailtoken.token.TokenManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Refresh storm: N callers ask for one account's token at the moment it has expired. Counts the
 * token-endpoint requests the emulator saw: mailtoken's {@code TokenManager} (target 1) against
 * the usual hand-written cache, "if expired, refresh and store" (the baseline).
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.mailtoken.bench.RefreshStorm [callers] [threads]}
 */
public final class RefreshStorm {
  private RefreshStorm() {}

  public static void main(String[] args) throws Exception {
    int callers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    System.out.printf("refresh storm: %,d callers on %d threads, token expired when they arrive%n", callers, threads);
    long managed = stormTokenManager(callers, threads);
    long naive = stormNaiveCache(callers, threads);
    System.out.printf("RESULT tokenManager token requests: %d%n", managed);
    System.out.printf("RESULT naive check-then-refresh token requests: %d%n", naive);
    System.out.printf("RESULT ratio (naive / tokenManager): %.1fx%n", (double) naive / Math.max(1, managed));
  }

  private static long stormTokenManager(int callers, int threads) throws Exception {
    TestClock clock = TestClock.at(Instant.parse("2031-03-14T01:59:26Z"));
    try (Emulated emulated = new Emulated(clock);
        TokenManager manager = TokenManager.builder().clock(clock).oauthClient(emulated.client(clock)).build()) {
      manager.register(new Account(Emulated.USER, new RefreshTokenGrant(emulated.app, Secret.of(emulated.refreshToken))));
      manager.token(Emulated.USER);
      clock.advance(Duration.ofHours(2));
      long before = emulated.emulator.requestCount(Endpoint.TOKEN);
      AtomicInteger failures = new AtomicInteger();
      storm(callers, threads, () -> {
        try {
          manager.token(Emulated.USER);
        } catch (Exception e) {
          failures.incrementAndGet();
        }
      });
      check(failures);
      return emulated.emulator.requestCount(Endpoint.TOKEN) - before;
    }
  }

  private static long stormNaiveCache(int callers, int threads) throws Exception {
    TestClock clock = TestClock.at(Instant.parse("2031-03-14T01:59:26Z"));
    try (Emulated emulated = new Emulated(clock)) {
      OAuthClient client = emulated.client(clock);
      NaiveCache cache = new NaiveCache(client, emulated, clock);
      cache.token();
      clock.advance(Duration.ofHours(2));
      long before = emulated.emulator.requestCount(Endpoint.TOKEN);
      AtomicInteger failures = new AtomicInteger();
      storm(callers, threads, () -> {
        try {
          cache.token();
        } catch (Exception e) {
          failures.incrementAndGet();
        }
      });
      check(failures);
      return emulated.emulator.requestCount(Endpoint.TOKEN) - before;
    }
  }

  private static void check(AtomicInteger failures) {
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " callers failed");
    }
  }

  private static void storm(int callers, int threads, Runnable call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>(callers);
      for (int i = 0; i < callers; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          call.run();
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** What people write by hand: check expiry, refresh if needed, store. No single-flight. */
  private static final class NaiveCache {
    private final OAuthClient client;
    private final Emulated emulated;
    private final java.time.Clock clock;
    private volatile AccessToken token;

    NaiveCache(OAuthClient client, Emulated emulated, java.time.Clock clock) {
      this.client = client;
      this.emulated = emulated;
      this.clock = clock;
    }

    AccessToken token() throws Exception {
      AccessToken current = token;
      if (current == null || current.isExpiredAt(clock.instant())) {
        TokenResponse r = client.refresh(emulated.app, Secret.of(emulated.refreshToken), List.of());
        current = new AccessToken(r.accessToken(), r.expiresAt(), r.scopes());
        token = current;
      }
      return current;
    }
  }
}
