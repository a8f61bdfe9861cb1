package dev.mailtoken.mail;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AUTH exchanges in progress for one {@code Session}, by handle. It lives in the Session's
 * properties (under {@link #PROPERTY}), where Angus's SASL authenticator passes it to
 * {@link OAuthSaslProvider}'s factory. Thread-safe.
 */
final class SaslAttempts {
  static final String PROPERTY = "dev.mailtoken.mail.saslAttempts";
  private static final String PREFIX = "mailtoken-sasl:";

  private final Map<String, SaslAttempt> open = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  String newHandle() {
    byte[] b = new byte[12];
    random.nextBytes(b);
    return PREFIX + HexFormat.of().formatHex(b);
  }

  void add(SaslAttempt attempt) {
    open.put(attempt.handle(), attempt);
  }

  void remove(SaslAttempt attempt) {
    open.remove(attempt.handle());
  }

  Optional<SaslAttempt> find(String handle) {
    return handle == null ? Optional.empty() : Optional.ofNullable(open.get(handle));
  }

  static Optional<SaslAttempts> in(Map<String, ?> props) {
    Object o = props == null ? null : props.get(PROPERTY);
    return o instanceof SaslAttempts ? Optional.of((SaslAttempts) o) : Optional.empty();
  }
}
