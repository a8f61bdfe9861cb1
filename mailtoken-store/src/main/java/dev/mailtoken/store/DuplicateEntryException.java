package dev.mailtoken.store;

import dev.mailtoken.ConfigurationException;

/** An app or account with that name or address already exists; nothing was changed. */
public class DuplicateEntryException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  public DuplicateEntryException(String message, String account) {
    super(message, account, null, null);
  }
}
