package dev.mailtoken.server.connect;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One trip to the provider's consent page, as stored: what the authorization request asked for,
 * so any node can check and exchange the answer. Holds no secret in the clear: the state only as
 * its hash, the PKCE verifier sealed under the browser session.
 */
record Attempt(String stateHash, String linkId, String app, URI redirectUri, List<String> scopes,
    Set<String> requiredScopes, String sealedVerifier, Instant createdAt, Instant expiresAt,
    Optional<Instant> usedAt) {
  Attempt {
    Objects.requireNonNull(stateHash, "stateHash");
    Objects.requireNonNull(linkId, "linkId");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(redirectUri, "redirectUri");
    scopes = List.copyOf(scopes);
    requiredScopes = Set.copyOf(requiredScopes);
    Objects.requireNonNull(sealedVerifier, "sealedVerifier");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(usedAt, "usedAt");
  }
}
