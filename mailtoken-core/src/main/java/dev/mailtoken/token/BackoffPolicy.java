package dev.mailtoken.token;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for failed refreshes: the n-th consecutive failure waits
 * {@code min(base * 2^(n-1), max)}, reduced by a random fraction up to {@code jitter}, and never
 * less than the server's {@code Retry-After}.
 *
 * <p>Thread-safe: draws from {@code random} under a lock, so any generator may be used.
 *
 * @param base the first delay; positive
 * @param max the largest delay; not below {@code base}
 * @param jitter the largest fraction taken off a delay, 0 (none) to 1
 * @param random where the jitter comes from
 */
public record BackoffPolicy(Duration base, Duration max, double jitter, RandomGenerator random) {

  /** 5 s, doubling up to 5 min, up to half of each delay taken off at random. */
  public static BackoffPolicy defaults() {
    return new BackoffPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), 0.5, new SplittableRandom());
  }

  public BackoffPolicy {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(random, "random");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("backoff base must be positive, was " + base);
    }
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff max (" + max + ") must not be below base (" + base + ")");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("backoff jitter must be between 0 and 1, was " + jitter);
    }
  }

  /** The delay before retrying after {@code failures} consecutive failures (1 or more). */
  public Duration delay(int failures, Optional<Duration> retryAfter) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1, was " + failures);
    }
    long baseMillis = base.toMillis();
    int shift = Math.min(failures - 1, 30);
    long exponential = baseMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseMillis << shift;
    long capped = Math.min(exponential, max.toMillis());
    double draw;
    synchronized (this) {
      draw = random.nextDouble();
    }
    long jittered = capped - (long) (capped * jitter * draw);
    Duration delay = Duration.ofMillis(Math.max(1, jittered));
    return retryAfter.filter(r -> r.compareTo(delay) > 0).orElse(delay);
  }
}
