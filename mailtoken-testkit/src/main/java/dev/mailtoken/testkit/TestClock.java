package dev.mailtoken.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it, so expiry is tested without sleeping.
 *
 * <p>Thread-safe: {@link #advance} and {@link #set} are atomic and immediately visible to every
 * thread reading {@link #instant()}. Time may be moved backwards with {@link #set} (to test clock
 * skew); {@link #advance} rejects negative durations.
 */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private TestClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock in UTC that reads {@code start} until moved. */
  public static TestClock at(Instant start) {
    return new TestClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /** Moves the clock forward by {@code amount} (zero or positive) and returns the new instant. */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("advance takes a positive duration, got " + amount + "; use set() to go back");
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  /** Sets the clock to {@code instant}, forwards or backwards. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in another zone that shares this clock's time (moving either moves both). */
  @Override
  public Clock withZone(ZoneId newZone) {
    return new TestClock(now, Objects.requireNonNull(newZone, "zone"));
  }

  @Override
  public String toString() {
    return "TestClock[" + now.get() + "]";
  }
}
