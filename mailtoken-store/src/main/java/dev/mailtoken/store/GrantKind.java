package dev.mailtoken.store;

/** How a stored account gets its access tokens. */
public enum GrantKind {
  /** 3-legged: a refresh token from a person's consent. */
  REFRESH_TOKEN,
  /** 2-legged: a service-account key (JSON) signs a JWT, optionally for a subject. */
  SERVICE_ACCOUNT,
  /** A fixed access token that cannot be renewed. */
  FIXED_TOKEN
}
