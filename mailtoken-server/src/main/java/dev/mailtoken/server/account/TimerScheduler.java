package dev.mailtoken.server.account;

import dev.mailtoken.token.Scheduler;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts feature's own {@link Scheduler} when the server is given none: one thread and a binary
 * heap of due times. Made for a manager holding one pending task per account (its next proactive
 * refresh): an entry costs about 40 bytes, against about 140 for a task in a
 * {@code ScheduledThreadPoolExecutor} (its future, a callable adapter and a cancel handle), and a
 * cancelled entry leaves the heap at once instead of staying until its due time.
 *
 * <p>Tasks run one at a time on the scheduler's thread, as soon as possible after their delay on
 * the monotonic ticker, and must be quick. A task that throws is logged at WARN; the others still
 * run. Thread-safe. {@link #close} stops the thread; tasks still pending never run.
 */
final class TimerScheduler implements Scheduler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TimerScheduler.class);

  /** A pending task; its place in the heap is {@code index} (-1 once run or cancelled). */
  private static final class Entry implements Cancellable {
    final TimerScheduler owner;
    final long due;
    final Runnable task;
    int index = -1; // guarded by owner.lock

    Entry(TimerScheduler owner, long due, Runnable task) {
      this.owner = owner;
      this.due = due;
      this.task = task;
    }

    @Override
    public void cancel() {
      owner.remove(this);
    }
  }

  private final LongSupplier ticker;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Thread thread;
  private Entry[] heap = new Entry[64]; // guarded by lock
  private int size; // guarded by lock
  private boolean closed; // guarded by lock

  TimerScheduler(ThreadFactory threads, LongSupplier ticker) {
    this.ticker = ticker;
    this.thread = threads.newThread(this::loop);
    thread.start();
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    long nanos = delay.isNegative() ? 0 : delay.compareTo(Duration.ofDays(365_000)) > 0 ? Long.MAX_VALUE / 4
        : delay.toNanos();
    Entry e = new Entry(this, ticker.getAsLong() + nanos, task);
    lock.lock();
    try {
      if (closed) {
        return e;
      }
      if (size == heap.length) {
        heap = Arrays.copyOf(heap, size * 2);
      }
      e.index = size;
      heap[size++] = e;
      siftUp(e.index);
      if (e.index == 0) {
        changed.signal();
      }
    } finally {
      lock.unlock();
    }
    return e;
  }

  /** Pending tasks (for tests and diagnostics). */
  int pending() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  /** Stops the thread once the task running now (if any) ends; pending tasks are dropped. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      for (int i = 0; i < size; i++) {
        heap[i].index = -1;
      }
      Arrays.fill(heap, 0, size, null);
      size = 0;
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  private void remove(Entry e) {
    lock.lock();
    try {
      int i = e.index;
      if (i < 0) {
        return;
      }
      removeAt(i);
      if (i == 0) {
        changed.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (true) {
      Runnable task = next();
      if (task == null) {
        return;
      }
      try {
        task.run();
      } catch (RuntimeException | Error t) {
        if (t instanceof VirtualMachineError vme) {
          throw vme;
        }
        LOG.warn("a scheduled task threw {}; the scheduler goes on", t.getClass().getName(), t);
      }
    }
  }

  /** The next due task, waiting for it; null once closed. */
  private Runnable next() {
    lock.lock();
    try {
      while (!closed) {
        if (size == 0) {
          changed.awaitUninterruptibly();
          continue;
        }
        Entry first = heap[0];
        long wait = first.due - ticker.getAsLong();
        if (wait <= 0) {
          removeAt(0);
          return first.task;
        }
        try {
          changed.awaitNanos(Math.min(wait, TimeUnit.DAYS.toNanos(1)));
        } catch (InterruptedException e) {
          // Only close() stops this thread: an interrupt is ignored, the loop looks again.
        }
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  private void removeAt(int i) {
    Entry gone = heap[i];
    gone.index = -1;
    Entry last = heap[--size];
    heap[size] = null;
    if (i < size) {
      heap[i] = last;
      last.index = i;
      siftDown(i);
      if (last.index == i) {
        siftUp(i);
      }
    }
  }

  private void siftUp(int i) {
    Entry e = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Entry p = heap[parent];
      if (p.due - e.due <= 0) {
        break;
      }
      heap[i] = p;
      p.index = i;
      i = parent;
    }
    heap[i] = e;
    e.index = i;
  }

  private void siftDown(int i) {
    Entry e = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && heap[right].due - heap[child].due < 0) {
        child = right;
      }
      if (e.due - heap[child].due <= 0) {
        break;
      }
      heap[i] = heap[child];
      heap[i].index = i;
      i = child;
    }
    heap[i] = e;
    e.index = i;
  }
}
