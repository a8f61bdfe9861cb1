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
  private volatile String sent = "";
  private volatile byte[] withheld;
  private volatile byte[] stand;
  private volatile SaslMechanism mechanism;

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

  /** Records the SASL response carrying the token, as it goes on the wire (base64), for {@link #secrets()}. */
  void offered(byte[] response) {
    sent = java.util.Base64.getEncoder().encodeToString(response);
  }

  /** Records the mechanism Angus chose for this exchange (from the server's AUTH capability). */
  void mechanism(SaslMechanism chosen) {
    this.mechanism = chosen;
  }

  /** The mechanism of this exchange; empty before Angus chose one. */
  Optional<SaslMechanism> mechanism() {
    return Optional.ofNullable(mechanism);
  }

  /** True once the response carrying the token was handed over to go on the wire. */
  boolean offeredToken() {
    return !sent.isEmpty();
  }

  /** What a server might echo of this exchange: the token and the base64 response carrying it. */
  java.util.List<String> secrets() {
    String s = sent;
    return s.isEmpty() ? java.util.List.of(token.value().reveal()) : java.util.List.of(token.value().reveal(), s);
  }

  /**
   * The response after a bare {@code 334} is handed to Angus as {@code stand} (Angus prints what it
   * is given when debug output is on); the transport swaps {@code real} back in when it writes the line.
   */
  void withhold(byte[] stand, byte[] real) {
    this.stand = java.util.Base64.getEncoder().encode(stand);
    this.withheld = java.util.Base64.getEncoder().encode(real);
  }

  /** The real base64 line when {@code line} is the stand-in for it (once), else null. */
  byte[] release(byte[] line) {
    byte[] s = stand;
    if (s == null || !java.util.Arrays.equals(s, line)) {
      return null;
    }
    byte[] real = withheld;
    stand = null;
    withheld = null;
    return real;
  }

  /** The server's error challenge (Gmail's JSON, RFC 7628's JSON), when it sent one. */
  Optional<byte[]> errorChallenge() {
    byte[] c = errorChallenge;
    return c == null ? Optional.empty() : Optional.of(c.clone());
  }
}
