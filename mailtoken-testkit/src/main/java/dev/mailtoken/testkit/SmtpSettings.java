package dev.mailtoken.testkit;

import java.time.Clock;
import java.util.Objects;

/**
 * An {@link SmtpEmulator}'s knobs, defaults resolved. Immutable.
 *
 * @param maxConnectionsPerUser concurrent authenticated sessions per user; 0 = unlimited
 */
record SmtpSettings(SmtpStyle style, TlsMode tls, String requiredScope, int maxConnectionsPerUser, Clock clock) {
  SmtpSettings {
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(requiredScope, "requiredScope");
    Objects.requireNonNull(clock, "clock");
    if (maxConnectionsPerUser < 0) {
      throw new IllegalArgumentException("maxConnectionsPerUser must not be negative, got " + maxConnectionsPerUser);
    }
  }
}
