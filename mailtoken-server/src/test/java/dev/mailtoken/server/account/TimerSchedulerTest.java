package dev.mailtoken.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.token.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The accounts feature's own scheduler: tasks run in due order, a cancelled task never runs and
 * leaves at once, a throwing task does not stop the others, close stops the thread. The ticker
 * is the test's: a test holds the scheduler's thread in a first task, schedules the rest, moves
 * the ticker past them and lets go, so the order seen does not depend on the machine's speed.
 */
class TimerSchedulerTest {
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final ThreadFactory factory = r -> {
    Thread t = new Thread(r, "timer-test");
    t.setDaemon(true);
    threads.add(t);
    return t;
  };
  // Frozen while a test schedules, then moved past every due time: the order seen is the heap's.
  private final AtomicLong ticker = new AtomicLong(1_000_000_000L);
  private final TimerScheduler timer = new TimerScheduler(factory, ticker::get);

  @AfterEach
  void close() {
    timer.close();
  }

  private CountDownLatch holdTheThread() throws InterruptedException {
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch holding = new CountDownLatch(1);
    timer.schedule(() -> {
      holding.countDown();
      await(gate);
    }, Duration.ZERO);
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    return gate;
  }

  @Test
  void givenTasksScheduledOutOfOrder_whenDue_thenTheyRunInDueOrder() throws Exception {
    CountDownLatch gate = holdTheThread();
    List<Integer> ran = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(200);
    SplittableRandom random = new SplittableRandom(11);
    List<Integer> delays = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int delay = random.nextInt(50_000);
      delays.add(delay);
      timer.schedule(() -> {
        ran.add(delay);
        done.countDown();
      }, Duration.ofNanos(delay));
    }

    ticker.addAndGet(Duration.ofSeconds(1).toNanos());
    gate.countDown();

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).isSorted().containsExactlyInAnyOrderElementsOf(delays);
    assertThat(timer.pending()).isZero();
  }

  @Test
  void givenEveryOtherTaskCancelled_whenTheirTimeComes_thenOnlyTheOthersRunAndNothingIsLeft() throws Exception {
    CountDownLatch gate = holdTheThread();
    List<Integer> ran = new CopyOnWriteArrayList<>();
    CountDownLatch kept = new CountDownLatch(100);
    List<Scheduler.Cancellable> handles = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int id = i;
      handles.add(timer.schedule(() -> {
        ran.add(id);
        kept.countDown();
      }, Duration.ofMillis((i * 37) % 50)));
    }
    for (int i = 0; i < 200; i += 2) {
      handles.get(i).cancel();
    }

    assertThat(timer.pending()).isEqualTo(100);
    ticker.addAndGet(Duration.ofSeconds(1).toNanos());
    gate.countDown();

    assertThat(kept.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).hasSize(100).allMatch(id -> id % 2 == 1)
        .isSortedAccordingTo((a, b) -> Integer.compare((a * 37) % 50, (b * 37) % 50));
    assertThat(timer.pending()).isZero();
  }

  @Test
  void givenATaskThatThrows_whenItRuns_thenTheNextTaskStillRuns() throws Exception {
    CountDownLatch next = new CountDownLatch(1);
    timer.schedule(() -> {
      throw new IllegalStateException("boom");
    }, Duration.ZERO);
    timer.schedule(next::countDown, Duration.ZERO);

    assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void givenAPendingTask_whenClosed_thenItNeverRunsAndTheThreadEnds() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    Scheduler.Cancellable handle = timer.schedule(ran::countDown, Duration.ofHours(1));

    timer.close();

    assertThat(timer.pending()).isZero();
    threads.get(0).join(10_000);
    assertThat(threads.get(0).isAlive()).isFalse();
    handle.cancel();   // after close: does nothing
    timer.schedule(ran::countDown, Duration.ZERO);
    assertThat(ran.getCount()).isEqualTo(1);
    assertThat(timer.pending()).isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
