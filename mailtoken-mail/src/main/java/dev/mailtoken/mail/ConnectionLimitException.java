package dev.mailtoken.mail;

import dev.mailtoken.internal.ServerText;
import dev.mailtoken.TransientException;
import java.time.Duration;

/**
 * The server refused a connection over its concurrency limit ({@code 432 4.3.2}, Exchange Online
 * allows 3 per mailbox). Transient: retry after a back-off, or lower {@code poolSize}.
 */
public class ConnectionLimitException extends TransientException {
  private static final long serialVersionUID = 1L;

  private final String serverReply;

  public ConnectionLimitException(String account, String serverReply) {
    super("Too many concurrent SMTP connections for " + account + "; retry after a back-off or lower"
        + " SmtpServer.poolSize (Exchange allows 3). Server said: " + ServerText.printable(serverReply.strip()), account,
        null,
        Duration.ofSeconds(30), null);
    this.serverReply = ServerText.printable(serverReply.strip());
  }

  public String serverReply() {
    return serverReply;
  }
}
