package dev.mailtoken.mail;

import dev.mailtoken.internal.ServerText;
import dev.mailtoken.MailtokenException;
import java.util.List;

/**
 * The server refused one or more recipients (or the message had none that were valid); nothing
 * was sent. Fix the addresses; retrying the same message will fail again.
 */
public class RecipientRejectedException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  private final List<String> recipients;
  private final String serverReply;

  public RecipientRejectedException(String account, List<String> recipients, String serverReply) {
    super("The server rejected recipient(s) " + recipients + " of a message from " + account
        + "; nothing was sent. Server said: " + ServerText.printable(serverReply.strip()), account, null, null);
    this.recipients = List.copyOf(recipients);
    this.serverReply = ServerText.printable(serverReply.strip());
  }

  public List<String> recipients() {
    return recipients;
  }

  public String serverReply() {
    return serverReply;
  }
}
