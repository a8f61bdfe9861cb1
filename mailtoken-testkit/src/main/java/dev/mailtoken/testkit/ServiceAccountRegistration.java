package dev.mailtoken.testkit;

import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import java.util.Set;

/**
 * A Google-style service account known to the emulator: JWT-bearer assertions whose {@code iss}
 * is {@code email} must be signed by the private key of {@code publicKey}. Immutable.
 *
 * @param email the service account's {@code client_email}, the JWT {@code iss}
 * @param publicKey verifies the RS256 signature
 * @param keyId the {@code private_key_id}; an assertion whose header {@code kid} differs is rejected
 * @param delegatedScopes scopes allowed with domain-wide delegation ({@code sub}); empty = no delegation
 */
public record ServiceAccountRegistration(String email, RSAPublicKey publicKey, String keyId, Set<String> delegatedScopes) {
  public ServiceAccountRegistration {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(keyId, "keyId");
    delegatedScopes = Set.copyOf(delegatedScopes);
  }
}
