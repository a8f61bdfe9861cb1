package dev.mailtoken.server.account;

import dev.mailtoken.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An access token handed out by {@code GET /v1/accounts/{id}/token}: the one answer of the server
 * that holds a secret, because the caller asked for it. {@code toString} shows a fingerprint.
 */
public record HandedOutToken(String account, Secret accessToken, Optional<Instant> expiresAt, List<String> scopes) {
  public HandedOutToken {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(expiresAt, "expiresAt");
    scopes = scopes.stream().sorted().toList();
  }
}
