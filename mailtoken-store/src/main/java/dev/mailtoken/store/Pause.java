package dev.mailtoken.store;

import java.time.Duration;

/**
 * How a caller waits between looks at another process's refresh. Real time in production (what is
 * awaited is another process); tests pass one that moves their clock instead.
 */
@FunctionalInterface
interface Pause {
  /** Sleeps the calling thread. */
  Pause SLEEP = d -> Thread.sleep(Math.max(1, d.toMillis()));

  void pause(Duration duration) throws InterruptedException;
}
