package dev.mailtoken.store;

import dev.mailtoken.ConfigurationException;

/**
 * The secret key is missing, malformed, or not the one the database was encrypted with. Nothing
 * was written when this is thrown. The message says which environment variable or file to fix
 * and names keys only by their id (first 8 hex digits of the key's SHA-256).
 */
public class StoreKeyException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  public StoreKeyException(String message) {
    super(message);
  }

  public StoreKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
