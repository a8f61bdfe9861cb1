package dev.mailtoken.oauth;

import dev.mailtoken.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A successful token-endpoint response (RFC 6749 §5.1), parsed and checked.
 *
 * @param accessToken the {@code access_token}
 * @param tokenType the {@code token_type} as sent ({@code Bearer}, compared case-insensitively)
 * @param expiresIn the {@code expires_in} lifetime; empty when the server did not say, or said
 *     something unusable (not a number, zero, negative, over {@link #MAX_LIFETIME}): then the
 *     token counts as living {@link #ASSUMED_LIFETIME} ({@link #expiresAtOrAssumed()}), and is
 *     renewed at once if a server rejects it earlier; never as "never expires"
 * @param scopes the granted scopes: the {@code scope} field, or the requested scopes when the
 *     server omitted it (RFC 6749 §5.1 says it may then)
 * @param refreshToken the {@code refresh_token}, when one came back (first consent, or rotation)
 * @param idToken the raw {@code id_token} JWT, when one came back
 * @param receivedAt when the response arrived, by the client's clock; expiry counts from here
 *
 * <p>Immutable; {@code toString} shows only fingerprints of the tokens (the id token is shown
 * as its length only).
 */
public record TokenResponse(
    Secret accessToken,
    String tokenType,
    Optional<Duration> expiresIn,
    Set<String> scopes,
    Optional<Secret> refreshToken,
    Optional<String> idToken,
    Instant receivedAt) {

  /**
   * How long a token whose {@code expires_in} was missing or unusable is used: 15 minutes, well
   * under any mainstream provider's lifetime (Google about 60, Microsoft 60 to 90 minutes), so
   * it is refreshed before it can plausibly expire; a server that rejects it earlier gets the
   * usual one renewal.
   */
  public static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(15);

  /** An {@code expires_in} over this (366 days) is not believed: the lifetime counts as unknown. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(366);

  public TokenResponse {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(tokenType, "tokenType");
    Objects.requireNonNull(expiresIn, "expiresIn");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(idToken, "idToken");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /**
   * The scopes in {@code wanted} that were not granted (T-G-06): granular consent can drop
   * scopes. Empty when all were granted.
   */
  public Set<String> missingScopes(Collection<String> wanted) {
    Set<String> missing = new LinkedHashSet<>(wanted);
    missing.removeAll(scopes);
    return Collections.unmodifiableSet(missing);
  }

  /** True when the response carries a refresh token different from {@code previous} (rotation). */
  public boolean rotatedFrom(Secret previous) {
    return refreshToken.isPresent() && !refreshToken.get().equals(previous);
  }

  /** The claims of the {@code id_token}, decoded without signature verification; see {@link IdTokenClaims}. */
  public Optional<IdTokenClaims> idTokenClaims() {
    return idToken.flatMap(IdTokenClaims::decode);
  }

  /** When the access token expires, if the server said. */
  public Optional<Instant> expiresAt() {
    return expiresIn.map(receivedAt::plus);
  }

  /** When the access token expires: as the server said, else {@link #ASSUMED_LIFETIME} after {@code receivedAt}. */
  public Instant expiresAtOrAssumed() {
    return receivedAt.plus(expiresIn.orElse(ASSUMED_LIFETIME));
  }

  @Override
  public String toString() {
    return "TokenResponse[accessToken=" + accessToken + ", tokenType=" + tokenType + ", expiresIn="
        + expiresIn.map(Duration::toString).orElse("unknown") + ", scopes=" + scopes + ", refreshToken="
        + refreshToken.map(Secret::toString).orElse("none") + ", idToken="
        + idToken.map(t -> t.length() + " chars").orElse("none") + ", receivedAt=" + receivedAt + "]";
  }
}
