package dev.mailtoken.token;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs delayed work: the proactive refreshes and retries. Tests supply one they run by hand.
 *
 * <p>Implementations are thread-safe; tasks must be quick (the manager hands the refresh itself
 * to its executor).
 */
public interface Scheduler {

  /** Runs {@code task} once after {@code delay} (zero or negative: as soon as possible). */
  Cancellable schedule(Runnable task, Duration delay);

  /** A scheduled task that may be cancelled; cancelling a finished task does nothing. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }

  /** A scheduler on {@code executor}; the caller keeps ownership (and shuts it down). */
  static Scheduler of(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return (task, delay) -> {
      ScheduledFuture<?> f = executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
      return () -> f.cancel(false);
    };
  }
}
