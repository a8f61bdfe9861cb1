package dev.mailtoken;

import dev.mailtoken.MailtokenException;

/**
 * The grant is dead: the provider answered {@code invalid_grant} to a refresh (revoked by the
 * user, expired after 7 days in Google's "Testing" status, idle too long, password changed,
 * reuse detected). A person must run the consent flow again; retrying will not help.
 */
public class ReauthorizationRequiredException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  public ReauthorizationRequiredException(String message, String account, OAuthError oauthError, Throwable cause) {
    super(message, account, oauthError, cause);
  }
}
