package dev.mailtoken.store;

import dev.mailtoken.token.AccountHealth;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store knows about an account, without any secret value: safe to print, list and log.
 * Secrets come only from {@link CredentialStore#secrets(String)}. Immutable and thread-safe.
 *
 * @param lastError the last refresh failure's message, cleared by the next success
 * @param version incremented by every change of grant, secrets or health; pass it to
 *     {@link CredentialStore#updateAccount} so an edit never overwrites a newer state
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
    boolean hasRefreshToken) {

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
  }
}
