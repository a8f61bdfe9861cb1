package dev.mailtoken.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One consent's grant: the refresh tokens descended from it (one, or a rotation chain) and the
 * access tokens minted from them. Revoked as a unit. Guarded by the {@link GrantStore} monitor.
 */
final class RefreshFamily {
  final String user;
  final String clientId;
  final Set<String> scopes;
  final Instant consentedAt;
  final List<IssuedAccessToken> accessTokens = new ArrayList<>();
  boolean revoked;

  RefreshFamily(String user, String clientId, Set<String> scopes, Instant consentedAt) {
    this.user = user;
    this.clientId = clientId;
    this.scopes = new LinkedHashSet<>(scopes);
    this.consentedAt = consentedAt;
  }
}
