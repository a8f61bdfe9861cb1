package dev.mailtoken.server.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins per client address, in this node's memory: after {@code max} failures within
 * {@code window} an address waits until the oldest of them is {@code window} old. A success
 * forgets the address's failures. At most {@link #ADDRESSES} addresses are remembered (the least
 * recently seen is forgotten first), so a flood of addresses cannot exhaust memory.
 * Thread-safe: every method is synchronized (logins are rare).
 */
final class FailedLogins {
  static final int ADDRESSES = 10_000;

  private final int max;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
      return size() > ADDRESSES;
    }
  }; // guarded by this

  FailedLogins(int max, Duration window, Clock clock) {
    this.max = max;
    this.window = window;
    this.clock = clock;
  }

  /** How long {@code address} must still wait, or empty when it may try. */
  synchronized Optional<Duration> waitFor(String address) {
    Deque<Instant> times = prune(address);
    if (times == null || times.size() < max) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(clock.instant(), times.peekFirst().plus(window)));
  }

  synchronized void failed(String address) {
    prune(address);
    Deque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
    times.addLast(clock.instant());
    while (times.size() > max) {
      times.removeFirst();
    }
  }

  synchronized void succeeded(String address) {
    failures.remove(address);
  }

  private Deque<Instant> prune(String address) {
    Deque<Instant> times = failures.get(address);
    if (times == null) {
      return null;
    }
    Instant oldest = clock.instant().minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
      times.removeFirst();
    }
    if (times.isEmpty()) {
      failures.remove(address);
      return null;
    }
    return times;
  }
}
