package dev.mailtoken.testkit;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * An {@link SmtpEmulator}'s knobs, defaults resolved. Immutable.
 *
 * @param maxConnectionsPerUser concurrent authenticated sessions per user; 0 = unlimited
 * @param authMechanisms the mechanisms the {@code AUTH} capability names, upper case, in order
 */
record SmtpSettings(SmtpStyle style, TlsMode tls, String requiredScope, int maxConnectionsPerUser, Clock clock,
    List<String> authMechanisms) {
  SmtpSettings {
    authMechanisms = List.copyOf(authMechanisms);
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(requiredScope, "requiredScope");
    Objects.requireNonNull(clock, "clock");
    if (maxConnectionsPerUser < 0) {
      throw new IllegalArgumentException("maxConnectionsPerUser must not be negative, got " + maxConnectionsPerUser);
    }
  }

  /** True when the {@code AUTH} capability names {@code mechanism} (case-insensitive). */
  boolean offers(String mechanism) {
    return authMechanisms.stream().anyMatch(m -> m.equalsIgnoreCase(mechanism));
  }
}
