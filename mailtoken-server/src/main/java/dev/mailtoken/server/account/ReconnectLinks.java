package dev.mailtoken.server.account;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;

/**
 * Makes a connect link that reconnects one account: its app, its mailbox expected. The server
 * wires it to the connect feature, so the account pages can offer a reconnect link without this
 * feature importing that one. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ReconnectLinks {
  /** No connect feature: every call fails. */
  ReconnectLinks NONE = (app, mailbox, actor) -> {
    throw new IllegalStateException("connect links are not available on this server");
  };

  /**
   * A new single-use connect link for {@code mailbox} with {@code app}.
   *
   * @param actor who asks, for the audit log ({@code session:<id>})
   * @return the link's URL, which holds its secret: show it once, to the one who asked
   * @throws MailtokenException when the link cannot be stored
   * @throws IllegalArgumentException when the app cannot connect a mailbox on the web
   */
  Secret create(String app, String mailbox, String actor) throws MailtokenException;
}
