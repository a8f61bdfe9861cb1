package dev.mailtoken.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>Not a user API</b>: the thread factories of mailtoken's own executors. Every thread is a
 * daemon, so a library user who forgets {@code close()} never has a JVM kept alive by mailtoken,
 * and is named, so a thread dump says whose it is. Thread-safe.
 */
public final class DaemonThreads {
  private DaemonThreads() {
  }

  /** Daemon threads named {@code <prefix>-1}, {@code <prefix>-2}, … (for pools). */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> daemon(task, prefix + "-" + count.incrementAndGet());
  }

  /** Daemon threads all named {@code name} (for single-thread executors). */
  public static ThreadFactory named(String name) {
    return task -> daemon(task, name);
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
