package dev.mailtoken.testkit;

/** What the token endpoint does with a refresh token when it is used (provider-spec.md E.8). */
public enum RotationPolicy {
  /** Google: the refresh token is reused forever; refresh responses carry no {@code refresh_token}. */
  NONE,
  /** Microsoft: every refresh returns a new refresh token; the old one keeps working. */
  ROTATE,
  /**
   * RFC 9700 / Auth0: every refresh returns a new refresh token and the old one is retired;
   * presenting a retired one revokes the whole family (every refresh and access token of that grant).
   */
  ROTATE_REUSE_DETECTION
}
