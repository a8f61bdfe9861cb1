package dev.mailtoken.mail;

import dev.mailtoken.internal.ServerText;
import dev.mailtoken.ConfigurationException;

/**
 * Exchange Online answered {@code 535 5.7.139}: SMTP AUTH is disabled for the tenant or the
 * mailbox. Never retried: an administrator must enable it, or the account must use
 * {@link GraphApi}.
 */
public class SmtpAuthDisabledException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String serverReply;

  public SmtpAuthDisabledException(String account, String serverReply) {
    super("SMTP AUTH is disabled for this tenant/mailbox; enable it (Set-CASMailbox -SmtpClientAuthenticationDisabled"
        + " $false) or use the Graph transport. Account " + account + ", server said: "
        + ServerText.printable(serverReply.strip()),
        account, null, null);
    this.serverReply = ServerText.printable(serverReply.strip());
  }

  public String serverReply() {
    return serverReply;
  }
}
