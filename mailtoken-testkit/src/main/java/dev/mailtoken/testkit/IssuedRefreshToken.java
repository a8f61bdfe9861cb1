package dev.mailtoken.testkit;

import java.time.Instant;

/** A refresh token of a {@link RefreshFamily}. Mutable; guarded by the {@link GrantStore} monitor. */
final class IssuedRefreshToken {
  final String value;
  final RefreshFamily family;
  final Instant issuedAt;
  Instant lastUsedAt;
  /** Replaced by rotation under reuse detection: presenting it again revokes the family. */
  boolean retired;

  IssuedRefreshToken(String value, RefreshFamily family, Instant issuedAt) {
    this.value = value;
    this.family = family;
    this.issuedAt = issuedAt;
    this.lastUsedAt = issuedAt;
  }
}
