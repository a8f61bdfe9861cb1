package dev.mailtoken.token;

import dev.mailtoken.Secret;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A short-lived bearer token with its expiry and granted scopes.
 *
 * <p>{@link #toString()} shows the token's fingerprint, never its value.
 *
 * @param value the bearer value
 * @param expiresAt when it expires; empty when the provider did not say (then a
 *     {@link TokenManager} refreshes a renewable token after
 *     {@link dev.mailtoken.oauth.TokenResponse#ASSUMED_LIFETIME}, or sooner when it is rejected;
 *     a fixed token is used until rejected)
 * @param scopes the scopes the provider granted; empty when unknown
 */
public record AccessToken(Secret value, Optional<Instant> expiresAt, Set<String> scopes) {

  public AccessToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expiresAt, "expiresAt");
    scopes = Set.copyOf(scopes);
  }

  /** A token with a known expiry and no scope information. */
  public static AccessToken of(String value, Instant expiresAt) {
    return new AccessToken(Secret.of(value), Optional.of(expiresAt), Set.of());
  }

  /** A token whose lifetime is unknown. */
  public static AccessToken withoutExpiry(String value) {
    return new AccessToken(Secret.of(value), Optional.empty(), Set.of());
  }

  /** True when this token's expiry is known and not after {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return expiresAt.isPresent() && !expiresAt.get().isAfter(now);
  }

  @Override
  public String toString() {
    return "AccessToken[sha256:" + value.fingerprint()
        + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("unknown")
        + ", scopes=" + scopes + "]";
  }
}
