package dev.mailtoken.oauth;

import dev.mailtoken.OAuthError;

/**
 * Consent did not complete in time: the device code expired before the user entered it and
 * consented ({@code expired_token}, RFC 8628 §3.5), or the caller's own wait ended first. The code
 * is dead (T-D-03): start a new device authorization; polling again will not help.
 */
public class AuthorizationExpiredException extends AuthorizationException {
  private static final long serialVersionUID = 1L;

  public AuthorizationExpiredException(String message, String account, OAuthError oauthError, Throwable cause) {
    super(message, account, oauthError, cause);
  }
}
