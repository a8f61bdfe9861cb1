package dev.mailtoken.mail;

/**
 * The SASL mechanisms that carry an OAuth2 bearer token over SMTP.
 *
 * <ul>
 *   <li>{@link #XOAUTH2}: Google's mechanism, also accepted by Exchange Online:
 *       {@code user=<u>^Aauth=Bearer <t>^A^A}. On failure Gmail sends {@code 334 <base64 JSON>},
 *       the client answers an empty line and the server then replies {@code 535}.
 *   <li>{@link #OAUTHBEARER}: RFC 7628 ({@code n,a=<u>,^Ahost=..^Aport=..^Aauth=Bearer <t>^A^A}).
 *       On failure the server sends a JSON challenge and the client answers {@code ^A}.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public enum SaslMechanism {
  XOAUTH2("XOAUTH2"),
  OAUTHBEARER("OAUTHBEARER");

  private final String saslName;

  SaslMechanism(String saslName) {
    this.saslName = saslName;
  }

  /** The name in the {@code AUTH} command and in {@code SaslClientFactory.<name>}. */
  public String saslName() {
    return saslName;
  }
}
