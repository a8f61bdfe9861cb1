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

/** A scheduler the test runs by hand: tasks run only in {@link #runDue()}, when the TestClock says so. */
public final class HandScheduler implements Scheduler {
  private record Task(Instant due, Runnable body, AtomicBoolean cancelled) { }

  private final TestClock clock;
  private final List<Task> tasks = new CopyOnWriteArrayList<>();

  public HandScheduler(TestClock clock) {
    this.clock = clock;
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    Task t = new Task(clock.instant().plus(delay), task, new AtomicBoolean());
    tasks.add(t);
    return () -> t.cancelled().set(true);
  }

  /** Due times of the waiting tasks, earliest first. */
  public List<Instant> pending() {
    return tasks.stream().filter(t -> !t.cancelled().get()).map(Task::due).sorted().toList();
  }

  /** Runs every task due by the clock; returns how many ran. */
  public int runDue() {
    List<Task> due = new ArrayList<>();
    for (Task t : tasks) {
      if (!t.cancelled().get() && !t.due().isAfter(clock.instant())) {
        due.add(t);
      }
    }
    due.sort(Comparator.comparing(Task::due));
    for (Task t : due) {
      tasks.remove(t);
      t.body().run();
    }
    return due.size();
  }
}
