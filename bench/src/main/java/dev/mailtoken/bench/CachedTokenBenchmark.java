package dev.mailtoken.bench;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.TokenManager;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The send path's cost of asking for a token that is cached and fresh: {@code TokenManager.token}
 * against two baselines, a {@code ConcurrentHashMap.get} of a token (the least any per-account
 * cache does) and a volatile read. Run with {@code -t 1} and {@code -t 2}, and {@code -prof gc}
 * for allocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CachedTokenBenchmark {
  private static final String ACCOUNT = "bench@example.com";

  private TokenManager manager;
  private final ConcurrentHashMap<String, AccessToken> map = new ConcurrentHashMap<>();
  private volatile AccessToken field;

  @Setup(Level.Trial)
  public void setUp() throws MailtokenException {
    Clock clock = Clock.systemUTC();
    // A callback grant with a long-lived token: after the first call every read is a cache hit.
    manager = TokenManager.builder().clock(clock).build();
    manager.register(new Account(ACCOUNT, new CallbackGrant(
        (account, renew) -> AccessToken.of("ya29.bench-token", clock.instant().plus(Duration.ofDays(1))))));
    AccessToken first = manager.token(ACCOUNT);
    map.put(ACCOUNT, first);
    field = first;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    manager.close();
  }

  @Benchmark
  public AccessToken tokenManagerCachedToken() throws MailtokenException {
    return manager.token(ACCOUNT);
  }

  @Benchmark
  public AccessToken baselineConcurrentHashMapGet() {
    return map.get(ACCOUNT);
  }

  @Benchmark
  public AccessToken baselineVolatileRead() {
    return field;
  }
}
