package dev.mailtoken.token;

/**
 * How an account gets its access tokens: a refresh token (3-legged), a service-account key
 * (2-legged), a fixed access token, or a custom callback.
 *
 * <p>Closed set; branch with {@code instanceof} patterns. Implementations are immutable values.
 */
public sealed interface Grant permits RefreshTokenGrant, ServiceAccountGrant, FixedTokenGrant, CallbackGrant {

  /** True when a new token can be obtained without a person (everything but a fixed token). */
  default boolean renewable() {
    return !(this instanceof FixedTokenGrant);
  }
}
