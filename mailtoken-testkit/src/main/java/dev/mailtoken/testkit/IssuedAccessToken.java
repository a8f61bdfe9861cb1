package dev.mailtoken.testkit;

import java.time.Instant;
import java.util.Set;

/** An issued access token. Mutable ({@code revoked}); guarded by the {@link GrantStore} monitor. */
final class IssuedAccessToken {
  final String value;
  final String user;
  final String clientId;
  final Set<String> scopes;
  final Instant issuedAt;
  final Instant expiresAt;
  final String audience;
  /** Null for tokens without a refresh grant (JWT bearer, client credentials, code exchange without RT). */
  final RefreshFamily family;
  boolean revoked;

  IssuedAccessToken(String value, String user, String clientId, Set<String> scopes, Instant issuedAt,
      Instant expiresAt, String audience, RefreshFamily family) {
    this.value = value;
    this.user = user;
    this.clientId = clientId;
    this.scopes = Set.copyOf(scopes);
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.audience = audience;
    this.family = family;
  }

  boolean live(Instant now) {
    return !revoked && now.isBefore(expiresAt) && (family == null || !family.revoked);
  }

  TokenInfo info() {
    return new TokenInfo(user, clientId, scopes, expiresAt, audience);
  }
}
