package dev.mailtoken.oauth;

import dev.mailtoken.testkit.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link DeviceCodePoller.Sleeper} that waits no real time: it records each pause, moves the test
 * clock by it, and runs what the test planned for that pause (the user approving, say).
 */
final class RecordingSleeper implements DeviceCodePoller.Sleeper {
  final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private final TestClock clock;
  private final Map<Integer, Runnable> plan = new ConcurrentHashMap<>();

  RecordingSleeper(TestClock clock) {
    this.clock = clock;
  }

  /** Runs {@code action} during the {@code n}th pause (1-based), after the clock moved. */
  RecordingSleeper during(int n, Runnable action) {
    plan.put(n, action);
    return this;
  }

  @Override
  public void sleep(Duration duration) {
    pauses.add(duration);
    clock.advance(duration);
    Runnable action = plan.remove(pauses.size());
    if (action != null) {
      action.run();
    }
  }
}
