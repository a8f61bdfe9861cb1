package dev.mailtoken.server.apitoken;

import dev.mailtoken.server.web.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An API token as stored: everything but its value (only the value's SHA-256 is kept, and the
 * value is shown once, at creation). Immutable; safe to print and serialize.
 *
 * @param id the token's public id (in the audit log, the API and the CLI)
 * @param scopes what it may do, sorted
 * @param accounts the accounts it is bound to, sorted; empty means every account
 * @param createdBy who created it (an API token id, {@code session:<id>}, {@code cli} or {@code server})
 */
public record ApiToken(String id, String name, List<Scope> scopes, List<String> accounts, Instant createdAt,
    String createdBy, Optional<Instant> expiresAt, Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
  public ApiToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    scopes = scopes.stream().distinct().sorted().toList();
    accounts = accounts.stream().distinct().sorted().toList();
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }

  /** True when it is neither revoked nor expired at {@code now}. */
  public boolean activeAt(Instant now) {
    return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
  }
}
