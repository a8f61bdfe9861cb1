package dev.mailtoken.mail;

import dev.mailtoken.internal.ServerText;
import dev.mailtoken.MailtokenException;

/**
 * Any other SMTP failure: a reply the other exceptions do not cover, a dropped connection or an
 * I/O error. {@link #replyCode()} is 0 when there was no reply. Transient for 4xx replies and
 * network failures. A reply (4xx or 5xx, at any point, 552 after the data included) means the
 * server did not accept the message; only when the end of the data was sent and no reply came
 * may the message have been delivered, which {@link #mayHaveBeenDelivered()} says (a retry
 * risks a duplicate).
 */
public class SmtpFailureException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  private final int replyCode;
  private final String serverReply;
  private final boolean mayHaveBeenDelivered;

  public SmtpFailureException(String account, int replyCode, String serverReply, boolean mayHaveBeenDelivered,
      Throwable cause) {
    super("Sending as " + account + " failed: " + (serverReply == null || serverReply.isBlank()
        ? "no reply from the server" : ServerText.printable(serverReply.strip()))
        + (mayHaveBeenDelivered ? " (after the message data was sent: it may have been delivered)" : ""),
        account, null, cause);
    this.replyCode = replyCode;
    this.serverReply = serverReply == null ? "" : ServerText.printable(serverReply.strip());
    this.mayHaveBeenDelivered = mayHaveBeenDelivered;
  }

  /**
   * No reply at all: {@code what} says what happened instead (e.g. "the server closed the connection
   * during AUTH"). Transient; nothing was delivered.
   */
  public SmtpFailureException(String account, String what, Throwable cause) {
    super("Sending as " + account + " failed without a reply: " + what, account, null, cause);
    this.replyCode = 0;
    this.serverReply = "";
    this.mayHaveBeenDelivered = false;
  }

  public int replyCode() {
    return replyCode;
  }

  public String serverReply() {
    return serverReply;
  }

  public boolean mayHaveBeenDelivered() {
    return mayHaveBeenDelivered;
  }

  @Override
  public boolean isTransient() {
    return replyCode == 0 || (replyCode >= 400 && replyCode < 500);
  }
}
