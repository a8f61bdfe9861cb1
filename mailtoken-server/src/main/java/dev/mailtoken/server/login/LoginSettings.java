package dev.mailtoken.server.login;

import java.time.Duration;
import java.util.Objects;

/**
 * How long sessions live and how failed logins are limited.
 *
 * @param idleTimeout a session unused this long ends
 * @param absoluteTimeout a session ends this long after its login, used or not
 * @param maxFailures failed logins from one client address within {@code failureWindow} before
 *     that address must wait
 * @param failureWindow how long a failed login counts
 */
public record LoginSettings(Duration idleTimeout, Duration absoluteTimeout, int maxFailures, Duration failureWindow) {
  public LoginSettings {
    positive(idleTimeout, "idleTimeout");
    positive(absoluteTimeout, "absoluteTimeout");
    positive(failureWindow, "failureWindow");
    if (idleTimeout.compareTo(absoluteTimeout) > 0) {
      throw new IllegalArgumentException("the idle timeout (" + idleTimeout + ") must not exceed the absolute"
          + " timeout (" + absoluteTimeout + ")");
    }
    if (maxFailures < 1 || maxFailures > 1000) {
      throw new IllegalArgumentException("maxFailures must be in 1..1000, was " + maxFailures);
    }
  }

  /** 30 minutes idle, 12 hours at most, 5 failures per 15 minutes per address. */
  public static LoginSettings defaults() {
    return new LoginSettings(Duration.ofMinutes(30), Duration.ofHours(12), 5, Duration.ofMinutes(15));
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
