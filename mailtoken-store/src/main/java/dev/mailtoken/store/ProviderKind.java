package dev.mailtoken.store;

/** Which provider preset a stored app starts from before its stored endpoints are applied. */
public enum ProviderKind {
  /** {@code OAuthProvider.google()}: offline-access parameters, no rotation. */
  GOOGLE,
  /** {@code OAuthProvider.microsoft(tenant)}: {@code offline_access}, rotating refresh tokens. */
  MICROSOFT,
  /** Any OpenID Connect provider, endpoints found by discovery when the app was added. */
  OIDC,
  /** Endpoints given by hand. */
  CUSTOM
}
