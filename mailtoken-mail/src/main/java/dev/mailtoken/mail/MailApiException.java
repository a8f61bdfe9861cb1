package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;

/**
 * The Gmail API or Microsoft Graph refused a send with a status the other exceptions do not
 * cover. {@link #status()} is the HTTP status; transient for 5xx.
 */
public class MailApiException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public MailApiException(String account, String transport, int status, String bodyExcerpt) {
    super(transport + " refused a message from " + account + " with HTTP " + status + ": " + bodyExcerpt,
        account, null, null);
    this.status = status;
  }

  public int status() {
    return status;
  }

  @Override
  public boolean isTransient() {
    return status >= 500;
  }
}
