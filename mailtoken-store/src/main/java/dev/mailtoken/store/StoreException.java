package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;

/**
 * The database could not be read or written (unreachable, locked too long, corrupt, failed
 * migration). The message names the database and never holds a secret.
 */
public class StoreException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message, String account, Throwable cause) {
    super(message, account, null, cause);
  }
}
