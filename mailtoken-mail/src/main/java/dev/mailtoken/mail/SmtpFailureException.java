package dev.mailtoken.mail;

import dev.mailtoken.ServerText;
import dev.mailtoken.MailtokenException;

/**
 * Any other SMTP failure: a reply the other exceptions do not cover, a dropped connection or an
 * I/O error. {@link #replyCode()} is 0 when there was no reply. Transient for 4xx replies and
 * network failures; when the failure came after the message data was sent, the message may have
 * been delivered, so {@link #mayHaveBeenDelivered()} says whether a retry risks a duplicate.
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
