package dev.mailtoken.testkit;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the emulator knows about a live access token ({@link ProviderEmulator#introspect}).
 * Immutable.
 *
 * @param user the principal the token acts for: the consenting user, the service account (or its
 *     {@code sub} with delegation), or the client id for client-credentials tokens
 * @param clientId the app it was issued to (the service account email for JWT-bearer tokens)
 * @param scopes the granted scopes
 * @param expiresAt when the emulator stops accepting it (by the emulator clock)
 * @param audience Google and generic: the client id; Microsoft: the resource (e.g. {@code https://outlook.office.com})
 */
public record TokenInfo(String user, String clientId, Set<String> scopes, Instant expiresAt, String audience) {
  public TokenInfo {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(audience, "audience");
    scopes = Set.copyOf(scopes);
  }
}
