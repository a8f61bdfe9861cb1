package dev.mailtoken.token;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/** What every account slot of one manager shares. */
record ManagerConfig(
    Clock clock,
    Duration refreshMargin,
    Duration expiryMargin,
    Duration refreshJitter,
    GrantExchange exchange,
    Scheduler scheduler,
    Executor executor,
    EventDispatcher events,
    RefreshTokenStore store,
    BackoffPolicy backoff) {

  /** A jitter draw in [0, bound) millis from the backoff's generator, under its lock. */
  long jitterMillis(long bound) {
    if (bound <= 0) {
      return 0;
    }
    synchronized (backoff) {
      return (long) (backoff.random().nextDouble() * bound);
    }
  }
}
