package dev.mailtoken.server.account;

import dev.mailtoken.store.GrantKind;
import dev.mailtoken.token.AccountHealth;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An account as the API shows it: the store's record plus what this node's token manager knows.
 * Never a secret.
 *
 * @param id the account's id in the API: its address
 * @param health {@code HEALTHY}, {@code REFRESH_FAILING} (retrying with backoff while a valid
 *     token is served), {@code REAUTHORIZATION_REQUIRED}, {@code REVOKED}
 * @param nextRetry when a failing refresh is tried again, on this node
 */
public record AccountView(String id, String app, GrantKind grant, AccountHealth health, List<String> grantedScopes,
    Optional<Instant> lastRefresh, Optional<Instant> accessTokenExpiresAt, Optional<String> lastError,
    Optional<Instant> nextRetry, Instant createdAt, Instant updatedAt, long version) {
  public AccountView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(health, "health");
    grantedScopes = List.copyOf(grantedScopes);
    Objects.requireNonNull(lastRefresh, "lastRefresh");
    Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(nextRetry, "nextRetry");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
