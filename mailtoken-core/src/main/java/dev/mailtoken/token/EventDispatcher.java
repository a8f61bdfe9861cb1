package dev.mailtoken.token;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the listeners on the listener executor, isolating listener failures. The
 * listener list may change at any time; each delivery goes to the listeners registered when it
 * runs, in the order they were added. Thread-safe.
 */
final class EventDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

  private final List<TokenListener> listeners;
  private final Executor executor;

  EventDispatcher(List<TokenListener> listeners, Executor executor) {
    this.listeners = new CopyOnWriteArrayList<>(listeners);
    this.executor = executor;
  }

  void add(TokenListener listener) {
    listeners.add(listener);
  }

  boolean remove(TokenListener listener) {
    return listeners.remove(listener);
  }

  /** Call only after the change is committed and with no lock held. */
  void publish(TokenEvent event) {
    if (listeners.isEmpty()) {
      return;
    }
    try {
      executor.execute(() -> deliver(event));
    } catch (RejectedExecutionException e) {
      LOG.warn("token event dropped, listener executor refused it: account={} event={}",
          event.account(), event.getClass().getSimpleName());
    }
  }

  private void deliver(TokenEvent event) {
    for (TokenListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError vme) {
          throw vme;
        }
        LOG.warn("token listener {} threw {} on {} for account={}; other listeners still run",
            listener.getClass().getName(), e.getClass().getName(), event.getClass().getSimpleName(),
            event.account());
      }
    }
  }
}
