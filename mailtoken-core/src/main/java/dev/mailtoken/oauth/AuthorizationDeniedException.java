package dev.mailtoken.oauth;

import dev.mailtoken.OAuthError;

/**
 * The redirect back from the provider carried an {@code error} instead of a code:
 * {@code access_denied} (the user clicked "Cancel"), {@code consent_required},
 * {@code admin_policy_enforced}, {@code invalid_scope} and friends; or the user declined a device
 * authorization ({@code access_denied}, Microsoft's {@code authorization_declined}).
 * {@link #oauthError()} holds the code the provider sent.
 */
public class AuthorizationDeniedException extends AuthorizationException {
  private static final long serialVersionUID = 1L;

  public AuthorizationDeniedException(String message, String account, OAuthError oauthError) {
    super(message, account, oauthError, null);
  }

  /**
   * True when the user declined consent ({@code access_denied}, or Microsoft's device-flow
   * {@code authorization_declined}), as opposed to a policy or setup error.
   */
  public boolean deniedByUser() {
    return oauthError().map(e -> "access_denied".equals(e.error()) || "authorization_declined".equals(e.error()))
        .orElse(false);
  }
}
