package dev.mailtoken.token;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Why a token was renewed: a mail server refused it. Reported on the {@link TokenEvent.Issued}
 * event of the renewal ({@link TokenEvent.Issued#renewedAfter()}), so a listener sees, for example,
 * that Gmail's SMTP server wanted another scope although a new token was issued.
 *
 * <p>Holds what the server said, never the token: {@code reply} is the server's reply as the mail
 * module reports it (control characters escaped, anything echoing the token masked), and
 * {@code challenge} the fields of a decoded error challenge (Gmail's and RFC 7628's {@code 334}
 * JSON: {@code status}, {@code schemes}, {@code scope}), empty when the server sent none. Immutable.
 *
 * @param transport who refused: {@code smtp}, {@code gmail-api}, {@code graph}, or a name of the caller's
 * @param reply the server's reply, e.g. {@code 535-5.7.8 Username and Password not accepted}; may be empty
 * @param challenge the decoded error challenge's fields, sorted by name; empty when none was sent
 */
public record Rejection(String transport, String reply, Map<String, String> challenge) {

  public Rejection {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(reply, "reply");
    challenge = Map.copyOf(Objects.requireNonNull(challenge, "challenge"));
  }

  /** A rejection without a decoded challenge. */
  public static Rejection of(String transport, String reply) {
    return new Rejection(transport, reply, Map.of());
  }

  @Override
  public String toString() {
    return "Rejection[" + transport + ", reply=" + reply + ", challenge=" + new TreeMap<>(challenge) + "]";
  }
}
