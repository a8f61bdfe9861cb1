package dev.mailtoken.mail;

import dev.mailtoken.internal.ServerText;
import dev.mailtoken.MailtokenException;
import java.util.Optional;

/**
 * The mail server rejected the access token even after one renewal: the token is valid at the
 * provider but not for this server, usually a missing scope (Gmail SMTP needs
 * {@code https://mail.google.com/}; Exchange needs {@code SMTP.Send} with audience
 * {@code outlook.office.com}), a token for another user, or a mailbox without permission.
 * {@link #challenge()} holds the server's decoded JSON when it sent one (Gmail, RFC 7628).
 * Not transient.
 */
public class AuthenticationRejectedException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  private final String serverReply;
  private final transient BearerErrorChallenge challenge;

  public AuthenticationRejectedException(String account, String serverReply, BearerErrorChallenge challenge) {
    super(message(account, serverReply, challenge), account, null, null);
    this.serverReply = serverReply == null ? null : ServerText.printable(serverReply.strip());
    this.challenge = challenge;
  }

  /**
   * The server's last reply, e.g. {@code 535-5.7.8 Username and Password not accepted}, with
   * control characters escaped Java-style (lines are joined by {@code \n}).
   */
  public String serverReply() {
    return serverReply;
  }

  /** The decoded error challenge, when the server sent one. */
  public Optional<BearerErrorChallenge> challenge() {
    return Optional.ofNullable(challenge);
  }

  private static String message(String account, String reply, BearerErrorChallenge c) {
    StringBuilder m = new StringBuilder("The mail server rejected the access token for ").append(account)
        .append(" after one renewal: ").append(reply == null ? "(no reply)" : ServerText.printable(reply.strip()));
    if (c != null) {
      m.append(" [status=").append(c.status()).append(", schemes=").append(c.schemes())
          .append(", scope=").append(c.scope()).append(']');
      if (c.scope().contains("https://mail.google.com/")) {
        m.append(". The token lacks https://mail.google.com/ — gmail.send works only with the Gmail API (the"
            + " gmail-api transport); authorize with https://mail.google.com/ for SMTP");
      }
    }
    return m.append(". Check the token's scope, audience and user.").toString();
  }
}
