package dev.mailtoken.token;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** Holds submitted work until the test runs it, to observe what callers get while a refresh is pending. */
final class QueueExecutor implements Executor {
  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();

  @Override
  public void execute(Runnable command) {
    queue.add(command);
  }

  int size() {
    return queue.size();
  }

  int runAll() {
    int n = 0;
    for (Runnable r; (r = queue.poll()) != null; n++) {
      r.run();
    }
    return n;
  }
}
