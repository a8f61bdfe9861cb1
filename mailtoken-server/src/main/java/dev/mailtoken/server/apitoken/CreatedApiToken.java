package dev.mailtoken.server.apitoken;

import dev.mailtoken.Secret;
import java.util.Objects;

/**
 * A new API token with its value, which exists only here: the store keeps its SHA-256. Prints
 * the value as a fingerprint only.
 */
public record CreatedApiToken(ApiToken token, Secret value) {
  public CreatedApiToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(value, "value");
  }
}
