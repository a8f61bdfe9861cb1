package dev.mailtoken.oauth;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.OAuthError;

/**
 * The consent step failed: the user or the provider refused ({@link AuthorizationDeniedException}),
 * the callback did not belong to our request ({@link StateMismatchException}), or the provider
 * would not exchange the authorization code ({@link AuthorizationCodeRejectedException}). Start
 * the consent flow again; retrying the same step will not help.
 */
public class AuthorizationException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  public AuthorizationException(String message, String account, OAuthError oauthError, Throwable cause) {
    super(message, account, oauthError, cause);
  }
}
