package dev.mailtoken.token;

import dev.mailtoken.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A scheduler the test runs by hand: tasks run only in {@link #runDue()}, when the TestClock says so. */
final class ManualScheduler implements Scheduler {
  private record Task(Instant due, Runnable body, AtomicBoolean cancelled) { }

  private final TestClock clock;
  private final List<Task> tasks = new CopyOnWriteArrayList<>();

  ManualScheduler(TestClock clock) {
    this.clock = clock;
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    Task t = new Task(clock.instant().plus(delay), task, new AtomicBoolean());
    tasks.add(t);
    return () -> t.cancelled().set(true);
  }

  /** Due times of the tasks still waiting (not run, not cancelled), earliest first. */
  List<Instant> pending() {
    return tasks.stream().filter(t -> !t.cancelled().get()).map(Task::due).sorted().toList();
  }

  /** Runs every task due by the clock, including ones they schedule that are due; returns how many ran. */
  int runDue() {
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
        tasks.remove(t);
        t.body().run();
        ran++;
      }
    }
  }

  /** Moves the clock to the earliest pending task and runs what is due. */
  int advanceToNextAndRun() {
    Instant next = pending().get(0);
    if (next.isAfter(clock.instant())) {
      clock.set(next);
    }
    return runDue();
  }
}
