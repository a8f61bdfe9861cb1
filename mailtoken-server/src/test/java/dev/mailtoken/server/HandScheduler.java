package dev.mailtoken.server;

import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.token.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A scheduler the test runs by hand: tasks run only in {@link #runDue()}, when the TestClock says
 * they are due. The server's one test scheduler (proactive refreshes, webhook deliveries).
 */
public final class HandScheduler implements Scheduler {
  private record Task(Instant due, Runnable body, AtomicBoolean cancelled) { }

  private final TestClock clock;
  private final List<Task> tasks = new CopyOnWriteArrayList<>();

  public HandScheduler(TestClock clock) {
    this.clock = clock;
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    Task t = new Task(clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), task, new AtomicBoolean());
    tasks.add(t);
    return () -> t.cancelled().set(true);
  }

  /** Due times of the tasks still waiting, earliest first. */
  public List<Instant> pending() {
    return tasks.stream().filter(t -> !t.cancelled().get()).map(Task::due).sorted().toList();
  }

  /** Runs every task due by the clock, including due ones they schedule; returns how many ran. */
  public int runDue() {
    int ran = 0;
    while (true) {
      List<Task> due = new ArrayList<>();
      for (Task t : tasks) {
        if (!t.cancelled().get() && !t.due().isAfter(clock.instant())) {
          due.add(t);
        }
      }
      if (due.isEmpty()) {
        return ran;
      }
      due.sort(Comparator.comparing(Task::due));
      for (Task t : due) {
        if (tasks.remove(t)) {
          t.body().run();
          ran++;
        }
      }
    }
  }

  /** Moves the clock to the earliest waiting task and runs what is due then. */
  public int advanceToNextAndRun() {
    Instant next = pending().get(0);
    if (next.isAfter(clock.instant())) {
      clock.set(next);
    }
    return runDue();
  }
}
