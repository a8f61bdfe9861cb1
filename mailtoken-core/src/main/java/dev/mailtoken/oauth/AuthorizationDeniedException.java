package dev.mailtoken.oauth;

import dev.mailtoken.OAuthError;

/**
 * The redirect back from the provider carried an {@code error} instead of a code:
 * {@code access_denied} (the user clicked "Cancel"), {@code consent_required},
 * {@code admin_policy_enforced}, {@code invalid_scope} and friends. {@link #oauthError()} holds
 * the code the provider sent.
 */
public class AuthorizationDeniedException extends AuthorizationException {
  private static final long serialVersionUID = 1L;

  public AuthorizationDeniedException(String message, String account, OAuthError oauthError) {
    super(message, account, oauthError, null);
  }

  /** True when the user declined consent ({@code access_denied}), as opposed to a policy or setup error. */
  public boolean deniedByUser() {
    return oauthError().map(e -> "access_denied".equals(e.error())).orElse(false);
  }
}
