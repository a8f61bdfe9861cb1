package dev.mailtoken.mail;

import java.nio.charset.StandardCharsets;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;

/**
 * The client side of XOAUTH2 and OAUTHBEARER (RFC 7628): one initial response carrying the
 * bearer token; a challenge after it is the server's error report (Gmail's
 * {@code {"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}}), which is
 * recorded and answered with the empty response (XOAUTH2) or {@code ^A} (RFC 7628 §3.2.3) so the
 * server can finish with its {@code 535}.
 *
 * <p>When the base64 response would make the {@code AUTH} line longer than
 * {@link #MAX_INITIAL_LINE} octets, there is no initial response: the token goes on its own line
 * after the server's empty {@code 334} (RFC 4954 §4), which no server line-length limit breaks.
 * Angus prints such a response in its debug output ({@code mail.debug}: "SASL response: ..."), so
 * when the exchange belongs to a {@link SaslAttempt} the client hands Angus a stand-in naming the
 * token's fingerprint, and {@link TokenSmtpTransport} writes the real line in its place. (Wired up
 * by hand, without mailtoken's transport, the real response is returned and Angus's debug output
 * shows it.)
 *
 * <p>Not thread-safe: one exchange on one connection.
 */
final class BearerSaslClient implements SaslClient {
  /** Conservative: RFC 4954 allows 12288 octets, some servers stop at 512 per line. */
  static final int MAX_INITIAL_LINE = 500;

  private final SaslMechanism mechanism;
  private final byte[] response;
  private final SaslAttempt attempt;
  private int state;

  BearerSaslClient(SaslMechanism mechanism, String user, String token, String host, String port, SaslAttempt attempt) {
    this.mechanism = mechanism;
    this.attempt = attempt;
    String text;
    if (mechanism == SaslMechanism.XOAUTH2) {
      text = "user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001";
    } else {
      String gs2User = user.replace("=", "=3D").replace(",", "=2C");
      text = "n,a=" + gs2User + ",\u0001"
          + (host == null ? "" : "host=" + host + "\u0001")
          + (port == null ? "" : "port=" + port + "\u0001")
          + "auth=Bearer " + token + "\u0001\u0001";
    }
    this.response = text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String getMechanismName() {
    return mechanism.saslName();
  }

  @Override
  public boolean hasInitialResponse() {
    int encoded = 4 * ((response.length + 2) / 3);
    return "AUTH ".length() + mechanism.saslName().length() + 1 + encoded <= MAX_INITIAL_LINE;
  }

  @Override
  public byte[] evaluateChallenge(byte[] challenge) throws SaslException {
    if (state == 0) {
      if (attempt != null && !attempt.mayOfferToken()) {
        state = 2;
        throw new SaslException("refusing to send a bearer token over an unencrypted connection");
      }
      state = 1;
      if (attempt == null) {
        return response.clone();
      }
      attempt.offered(response);
      if (challenge.length == 0 && hasInitialResponse()) {
        return response.clone();
      }
      byte[] stand = ("[" + mechanism.saslName() + " response withheld from debug output: " + response.length
          + " octets, token sha256:" + attempt.token().value().fingerprint() + "]").getBytes(StandardCharsets.US_ASCII);
      attempt.withhold(stand, response);
      return stand;
    }
    if (state == 1) {
      state = 2;
      if (attempt != null) {
        attempt.errorChallenge(challenge);
      }
      return mechanism == SaslMechanism.XOAUTH2 ? new byte[0] : new byte[] {1};
    }
    throw new SaslException(mechanism.saslName() + ": unexpected challenge after the error response");
  }

  @Override
  public boolean isComplete() {
    return state == 2;
  }

  @Override
  public byte[] unwrap(byte[] incoming, int offset, int len) throws SaslException {
    throw new IllegalStateException(mechanism.saslName() + " has no security layer");
  }

  @Override
  public byte[] wrap(byte[] outgoing, int offset, int len) throws SaslException {
    throw new IllegalStateException(mechanism.saslName() + " has no security layer");
  }

  @Override
  public Object getNegotiatedProperty(String propName) {
    return null;
  }

  @Override
  public void dispose() {
    java.util.Arrays.fill(response, (byte) 0);
  }
}
