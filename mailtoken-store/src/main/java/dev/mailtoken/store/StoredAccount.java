package dev.mailtoken.store;

import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.token.AccountHealth;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store knows about an account, without any secret value: safe to print, list and log.
 * Secrets come only from {@link CredentialStore#secrets(String)}. Immutable and thread-safe.
 *
 * @param accessTokenExpiresAt when the stored access token expires, as the provider said; empty
 *     when no token is stored or the provider did not say (see {@link #assumedAccessTokenExpiry()})
 * @param lastError the last refresh failure's message, cleared by the next success; control
 *     characters escaped Java-style ({@code \n}, {@code \}{@code u001b})
 * @param version incremented by every change of grant, secrets or health; pass it to
 *     {@link CredentialStore#updateAccount} so an edit never overwrites a newer state
 * @param hasAccessToken whether an access token (for a fixed-token account, the fixed token) is stored
 * @param transport the transport the account sends with when none is named ({@code smtp},
 *     {@code gmail-api}, {@code graph}); empty: SMTP
 */
public record StoredAccount(
    String address,
    String appName,
    GrantKind kind,
    Optional<String> subject,
    List<String> grantedScopes,
    AccountHealth health,
    Optional<Instant> lastRefresh,
    Optional<Instant> accessTokenExpiresAt,
    Optional<String> lastError,
    Instant createdAt,
    Instant updatedAt,
    long version,
    boolean hasRefreshToken,
    boolean hasAccessToken,
    Optional<String> transport) {

  public StoredAccount {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    grantedScopes = List.copyOf(grantedScopes);
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(lastRefresh, "lastRefresh");
    Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(transport, "transport");
  }

  /** An account without a default transport (SMTP). */
  public StoredAccount(String address, String appName, GrantKind kind, Optional<String> subject,
      List<String> grantedScopes, AccountHealth health, Optional<Instant> lastRefresh,
      Optional<Instant> accessTokenExpiresAt, Optional<String> lastError, Instant createdAt, Instant updatedAt,
      long version, boolean hasRefreshToken, boolean hasAccessToken) {
    this(address, appName, kind, subject, grantedScopes, health, lastRefresh, accessTokenExpiresAt, lastError,
        createdAt, updatedAt, version, hasRefreshToken, hasAccessToken, Optional.empty());
  }

  /**
   * When a stored access token whose lifetime the provider did not say counts as expired:
   * {@link TokenResponse#ASSUMED_LIFETIME} after it was fetched. Empty when the expiry is known,
   * no token is stored, or the account has a fixed token (used until rejected).
   */
  public Optional<Instant> assumedAccessTokenExpiry() {
    if (!hasAccessToken || accessTokenExpiresAt.isPresent() || kind == GrantKind.FIXED_TOKEN) {
      return Optional.empty();
    }
    return Optional.of(lastRefresh.orElse(updatedAt).plus(TokenResponse.ASSUMED_LIFETIME));
  }
}
