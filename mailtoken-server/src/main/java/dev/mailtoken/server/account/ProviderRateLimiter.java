package dev.mailtoken.server.account;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Spaces refreshes per provider (keyed by token endpoint): at most {@code perSecond} starts a
 * second, and none before a provider's {@code Retry-After} has passed. {@link #reserve} hands out
 * the next free slot and says how long to wait for it; it never blocks. Time is a monotonic
 * nanosecond ticker (injected; {@code System::nanoTime} in production). Thread-safe.
 */
final class ProviderRateLimiter {
  private final long intervalNanos;
  private final LongSupplier ticker;
  private final Map<String, Long> nextFree = new HashMap<>(); // guarded by this

  ProviderRateLimiter(double perSecond, LongSupplier ticker) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("perSecond must be positive, was " + perSecond);
    }
    this.intervalNanos = (long) (1_000_000_000L / perSecond);
    this.ticker = ticker;
  }

  /** Takes the next slot for {@code provider}; returns how long to wait until it (zero: now). */
  synchronized Duration reserve(String provider) {
    long now = ticker.getAsLong();
    long slot = Math.max(now, nextFree.getOrDefault(provider, now));
    nextFree.put(provider, slot + intervalNanos);
    return Duration.ofNanos(slot - now);
  }

  /** No slot for {@code provider} starts before {@code retryAfter} from now (a 429's Retry-After). */
  synchronized void pause(String provider, Duration retryAfter) {
    long until = ticker.getAsLong() + retryAfter.toNanos();
    nextFree.merge(provider, until, Math::max);
  }
}
