package dev.mailtoken.oauth;

/**
 * The {@code state} on the redirect is missing or is not the one we sent: the callback belongs to
 * another (possibly forged) request. Never exchange its code; start the consent flow again.
 */
public class StateMismatchException extends AuthorizationException {
  private static final long serialVersionUID = 1L;

  public StateMismatchException(String message) {
    super(message, null, null, null);
  }
}
