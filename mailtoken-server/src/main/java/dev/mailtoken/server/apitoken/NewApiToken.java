package dev.mailtoken.server.apitoken;

import dev.mailtoken.server.web.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What to create: also the JSON body of {@code POST /v1/api-tokens}.
 *
 * @param name a label for people (1 to 200 characters)
 * @param scopes at least one
 * @param accounts account addresses to bind it to; empty (or absent) for every account
 * @param expiresAt when it stops working; absent for never
 */
public record NewApiToken(String name, List<Scope> scopes, List<String> accounts, Optional<Instant> expiresAt) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when a value is missing or out of range
   */
  public NewApiToken {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("name is required: 1 to 200 characters");
    }
    if (scopes == null || scopes.isEmpty() || scopes.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException("scopes needs at least one of: " + Scope.allWireNames());
    }
    scopes = List.copyOf(scopes);
    accounts = accounts == null ? List.of() : accounts;
    for (String a : accounts) {
      if (a == null || a.isBlank() || a.length() > 320) {
        throw new IllegalArgumentException("accounts must hold account addresses (1 to 320 characters)");
      }
    }
    accounts = List.copyOf(accounts);
    expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
  }
}
