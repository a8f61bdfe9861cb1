package dev.mailtoken.store;

import dev.mailtoken.ConfigurationException;

/** The named app or account is not in the store; nothing was changed. */
public class NoSuchEntryException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  public NoSuchEntryException(String message, String account) {
    super(message, account, null, null);
  }
}
