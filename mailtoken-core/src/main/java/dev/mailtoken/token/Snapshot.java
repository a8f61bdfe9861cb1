package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.TokenResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The committed state of one account's token for one scope set. Immutable: replaced whole,
 * published through a volatile field, so the cached-token path reads it without a lock. (The
 * grant, shared by every scope set of the account, is the {@link GrantLane}'s.)
 *
 * @param token the cached token, or null
 * @param freshUntil epoch millis until which {@code token} is served with no refresh
 * @param usableUntil epoch millis until which {@code token} may still be served while a refresh runs
 * @param health the account's health
 * @param lastError the last failure, or null
 * @param lastFailureAt when it happened, or null
 * @param nextRetry when the background retry is due, or null
 * @param failures consecutive failures so far
 */
record Snapshot(
    AccessToken token,
    long freshUntil,
    long usableUntil,
    AccountHealth health,
    MailtokenException lastError,
    Instant lastFailureAt,
    Instant nextRetry,
    int failures) {

  static Snapshot initial() {
    return new Snapshot(null, Long.MIN_VALUE, Long.MIN_VALUE, AccountHealth.HEALTHY, null, null, null, 0);
  }

  /**
   * A healthy snapshot serving {@code token} as of {@code nowMs}: served without a refresh until
   * {@code refreshMargin} before expiry, while a refresh runs until {@code expiryMargin} before it.
   * A renewable token of unknown lifetime counts as expiring {@link TokenResponse#ASSUMED_LIFETIME}
   * from now, so it is refreshed, not served for ever; a fixed one is served until rejected.
   */
  static Snapshot healthy(Grant grant, AccessToken token, long nowMs, Duration refreshMargin, Duration expiryMargin) {
    long fresh = Long.MAX_VALUE;
    long usable = Long.MAX_VALUE;
    Optional<Instant> expiresAt = token.expiresAt().isPresent() || !grant.renewable() ? token.expiresAt()
        : Optional.of(Instant.ofEpochMilli(nowMs).plus(TokenResponse.ASSUMED_LIFETIME));
    if (expiresAt.isPresent()) {
      long expiry = expiresAt.get().toEpochMilli();
      if (grant.renewable()) {
        usable = expiry - expiryMargin.toMillis();
        fresh = expiry - refreshMargin.toMillis();
        // A token born inside the refresh margin gets no stale window, else every call would refresh.
        fresh = fresh <= nowMs ? usable : fresh;
      } else {
        fresh = expiry;
        usable = expiry;
      }
    }
    return new Snapshot(token, fresh, usable, AccountHealth.HEALTHY, null, null, null, 0);
  }

  long nextRetryMillis() {
    return nextRetry == null ? Long.MIN_VALUE : nextRetry.toEpochMilli();
  }

  boolean usableAt(long now) {
    return token != null && now < usableUntil;
  }

  AccountStatus status(String account) {
    return new AccountStatus(
        account,
        health,
        token == null ? Optional.empty() : token.expiresAt(),
        java.util.Optional.ofNullable(lastError),
        java.util.Optional.ofNullable(lastFailureAt),
        java.util.Optional.ofNullable(nextRetry));
  }
}
