package dev.mailtoken.mail;

import dev.mailtoken.token.AccessToken;
import java.util.Optional;

/**
 * One SMTP AUTH exchange: the token offered and what the server said back. Angus only hands
 * the SASL client a user name and a password; the password is this attempt's {@link #handle()},
 * so the token itself never passes through Angus's String-based APIs and the client can report
 * the server's error challenge back to the transport.
 *
 * <p>Used by one connection on one thread at a time; fields are volatile because the SASL
 * client may be created on a thread Angus chooses.
 */
final class SaslAttempt {
  private final String handle;
  private final AccessToken token;
  private final boolean plaintextAllowed;
  private final TokenSmtpTransport transport;
  private volatile byte[] errorChallenge;
  private volatile boolean refusedPlaintext;

  SaslAttempt(String handle, AccessToken token, boolean plaintextAllowed, TokenSmtpTransport transport) {
    this.handle = handle;
    this.token = token;
    this.plaintextAllowed = plaintextAllowed;
    this.transport = transport;
  }

  String handle() {
    return handle;
  }

  AccessToken token() {
    return token;
  }

  /** True when the connection is encrypted, or plaintext was explicitly allowed for loopback. */
  boolean mayOfferToken() {
    boolean ok = plaintextAllowed || transport.isSSL();
    if (!ok) {
      refusedPlaintext = true;
    }
    return ok;
  }

  boolean refusedPlaintext() {
    return refusedPlaintext;
  }

  void errorChallenge(byte[] challenge) {
    this.errorChallenge = challenge.clone();
  }

  /** The server's error challenge (Gmail's JSON, RFC 7628's JSON), when it sent one. */
  Optional<byte[]> errorChallenge() {
    byte[] c = errorChallenge;
    return c == null ? Optional.empty() : Optional.of(c.clone());
  }
}
