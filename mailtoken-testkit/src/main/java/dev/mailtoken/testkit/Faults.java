package dev.mailtoken.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fault injection, per endpoint: the next N requests, or all requests, get a {@link Fault}.
 * Queued faults are used in the order armed, before any {@link #always} fault.
 *
 * <pre>{@code
 * emulator.faults().next(Endpoint.TOKEN, 2, Fault.status(503, "{}"))
 *                  .always(Endpoint.REVOKE, Fault.connectionReset());
 * }</pre>
 *
 * <p>Thread-safe: each request takes exactly one queued fault, so with N armed and M concurrent
 * requests exactly min(N, M) of them fail.
 */
public final class Faults {
  private final Map<Endpoint, Deque<Fault>> queued = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Fault> always = new EnumMap<>(Endpoint.class);

  Faults() {}

  /** The next request to {@code endpoint} gets {@code fault}. */
  public Faults next(Endpoint endpoint, Fault fault) {
    return next(endpoint, 1, fault);
  }

  /** The next {@code times} requests to {@code endpoint} get {@code fault}. */
  public synchronized Faults next(Endpoint endpoint, int times, Fault fault) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(fault, "fault");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + times);
    }
    Deque<Fault> queue = queued.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      queue.addLast(fault);
    }
    return this;
  }

  /** Every request to {@code endpoint} gets {@code fault} (after queued ones) until cleared. */
  public synchronized Faults always(Endpoint endpoint, Fault fault) {
    always.put(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /** Removes the faults armed for {@code endpoint}. */
  public synchronized Faults clear(Endpoint endpoint) {
    queued.remove(endpoint);
    always.remove(endpoint);
    return this;
  }

  /** Removes every armed fault. */
  public synchronized Faults clear() {
    queued.clear();
    always.clear();
    return this;
  }

  /** Takes the fault for one request, if any. */
  synchronized Optional<Fault> take(Endpoint endpoint) {
    Deque<Fault> queue = queued.get(endpoint);
    if (queue != null && !queue.isEmpty()) {
      return Optional.of(queue.removeFirst());
    }
    return Optional.ofNullable(always.get(endpoint));
  }
}
