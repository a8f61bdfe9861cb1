package dev.mailtoken.mail;

import dev.mailtoken.internal.ServerText;
import dev.mailtoken.MailtokenException;

/**
 * The provider's sending limit was reached: Gmail {@code 550 5.4.5 Daily user sending limit
 * exceeded}, Exchange {@code 554 5.2.0} (sending quota / throttling). Retrying within hours will
 * fail the same way, so {@link #isTransient()} is false; wait for the quota to reset or send as
 * another account.
 */
public class SendingLimitException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  private final String serverReply;

  public SendingLimitException(String account, String serverReply) {
    super("The sending limit of " + account + " is reached; the provider refuses more mail for hours"
        + " (Gmail resets it within 24 h). Do not retry now. Server said: " + ServerText.printable(serverReply.strip()),
        account, null, null);
    this.serverReply = ServerText.printable(serverReply.strip());
  }

  public String serverReply() {
    return serverReply;
  }
}
