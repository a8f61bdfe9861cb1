package dev.mailtoken.store;

import dev.mailtoken.Secret;
import dev.mailtoken.token.AccessToken;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's decrypted secrets, returned only on explicit request
 * ({@link CredentialStore#secrets(String)}). Prints fingerprints only. Immutable and thread-safe.
 */
public record AccountSecrets(
    String address,
    Optional<Secret> refreshToken,
    Optional<Secret> serviceAccountKeyJson,
    Optional<Secret> fixedToken,
    Optional<AccessToken> accessToken) {

  public AccountSecrets {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(serviceAccountKeyJson, "serviceAccountKeyJson");
    Objects.requireNonNull(fixedToken, "fixedToken");
    Objects.requireNonNull(accessToken, "accessToken");
  }
}
