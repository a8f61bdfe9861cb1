package dev.mailtoken.store;

/**
 * The database could not be reached within the connect timeout, or stayed locked by another
 * process longer than the lock wait. Nothing was changed; retrying later may succeed. The message
 * names the database without credentials.
 */
public class StoreUnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
