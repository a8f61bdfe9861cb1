package dev.mailtoken.testkit;

import java.util.Objects;

/**
 * One SMTP {@code AUTH} exchange seen by an {@link SmtpEmulator}. Immutable. Holds the token the
 * client presented: assert on it, do not log it ({@link #toString()} shows only its fingerprint).
 *
 * @param mechanism the SASL mechanism named on the AUTH line, upper-cased
 * @param user the user the client named ({@code user=} / {@code a=}; empty if none or unparseable)
 * @param token the bearer token presented (empty if none or unparseable; for LOGIN/PLAIN, empty: passwords are not kept)
 * @param accepted whether the server answered {@code 235}
 * @param finalReply the last reply line of the exchange, e.g. {@code 235 2.7.0 Accepted}
 */
public record AuthAttempt(String mechanism, String user, String token, boolean accepted, String finalReply) {
  public AuthAttempt {
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(finalReply, "finalReply");
  }

  @Override
  public String toString() {
    return "AuthAttempt[mechanism=" + mechanism + ", user=" + user + ", token="
        + (token.isEmpty() ? "" : TokenValues.fingerprint(token)) + ", accepted=" + accepted + ", finalReply="
        + finalReply + "]";
  }
}
