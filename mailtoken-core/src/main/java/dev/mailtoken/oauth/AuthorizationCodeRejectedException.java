package dev.mailtoken.oauth;

import dev.mailtoken.OAuthError;

/**
 * The provider refused to exchange an authorization code ({@code invalid_grant} on
 * {@code grant_type=authorization_code}): the code was already redeemed, expired (codes live a few
 * minutes), was mangled in transit, or the PKCE verifier does not match. Unlike
 * {@code invalid_grant} on a refresh this says nothing about an existing grant: run the consent
 * flow again and exchange the new code once, promptly. Never retry with the same code.
 */
public class AuthorizationCodeRejectedException extends AuthorizationException {
  private static final long serialVersionUID = 1L;

  public AuthorizationCodeRejectedException(String message, String account, OAuthError oauthError) {
    super(message, account, oauthError, null);
  }
}
