package dev.mailtoken.oauth;

/** What a revocation request achieved. */
public enum Revocation {
  /** The provider confirmed the revocation (RFC 7009: also when the token was unknown). */
  REVOKED,
  /** The provider said the token was already invalid ({@code 400 invalid_token}, Google, T-G-12): done. */
  ALREADY_INVALID,
  /**
   * The provider offers no revocation endpoint (Microsoft): nothing was sent. The user can remove
   * the app's access in their account settings; deleting the stored token is still right.
   */
  NOT_SUPPORTED
}
