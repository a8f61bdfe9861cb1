package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;

/**
 * Getting a token failed in a way the OAuth2 error hierarchy does not cover: a
 * {@link TokenCallback} threw or returned nothing, or the grant failed unexpectedly. The cause
 * holds the original failure; the next request tries again.
 */
public class TokenRefreshException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  public TokenRefreshException(String message, String account, Throwable cause) {
    super(message, account, null, cause);
  }
}
