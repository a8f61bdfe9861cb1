package dev.mailtoken.testkit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** An issued authorization code. Mutable ({@code redeemed}); guarded by the {@link GrantStore} monitor. */
final class AuthorizationCode {
  final String value;
  final String clientId;
  final String redirectUri;
  final String user;
  final Set<String> scopes;
  final String challenge;
  final String challengeMethod;
  final boolean issueRefreshToken;
  final Instant expiresAt;
  boolean redeemed;

  AuthorizationCode(String value, String clientId, String redirectUri, String user, Set<String> scopes,
      String challenge, String challengeMethod, boolean issueRefreshToken, Instant expiresAt) {
    this.value = value;
    this.clientId = clientId;
    this.redirectUri = redirectUri;
    this.user = user;
    // In the order asked: Microsoft's token is for the first resource consented to.
    this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    this.challenge = challenge;
    this.challengeMethod = challengeMethod;
    this.issueRefreshToken = issueRefreshToken;
    this.expiresAt = expiresAt;
  }
}
