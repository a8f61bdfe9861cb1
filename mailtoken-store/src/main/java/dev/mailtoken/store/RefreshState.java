package dev.mailtoken.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How refreshing one account stands across every process and node sharing the store: a refresh in
 * flight (who started it, when, and until when its lease runs), a refresh whose outcome was lost,
 * and the backoff every process honours. Holds no secret: the refresh token sent is named by its
 * SHA-256 fingerprint. Immutable and thread-safe.
 *
 * @param claimedAt when the refresh in flight was sent; empty when none is
 * @param claimOwner the process that sent it ({@code pid 4242 on host}), for messages
 * @param leaseUntil after this the sender is presumed dead and its outcome unknown
 * @param claimedTokenFingerprint fingerprint of the refresh token the refresh in flight presented
 * @param interruptedAt start of a refresh whose answer was never stored (process killed, or no
 *     answer before the completion timeout): the provider may have rotated the refresh token
 * @param failures consecutive failed refreshes
 * @param nextAttemptAt no process sends a token request before this (backoff or the provider's
 *     {@code Retry-After})
 */
public record RefreshState(
    Optional<Instant> claimedAt,
    Optional<String> claimOwner,
    Optional<Instant> leaseUntil,
    Optional<String> claimedTokenFingerprint,
    Optional<Instant> interruptedAt,
    int failures,
    Optional<Instant> nextAttemptAt) {

  /** An account nobody is refreshing and that has no failures. */
  public static final RefreshState NONE = new RefreshState(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), 0, Optional.empty());

  public RefreshState {
    Objects.requireNonNull(claimedAt, "claimedAt");
    Objects.requireNonNull(claimOwner, "claimOwner");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    Objects.requireNonNull(claimedTokenFingerprint, "claimedTokenFingerprint");
    Objects.requireNonNull(interruptedAt, "interruptedAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    if (failures < 0) {
      throw new IllegalArgumentException("failures must not be negative, was " + failures);
    }
  }

  /** True while a refresh is in flight and its sender's lease runs. */
  public boolean refreshingAt(Instant now) {
    return claimedAt.isPresent() && leaseUntil.map(now::isBefore).orElse(false);
  }

  /** True when a refresh was started and its lease ran out: its sender died or lost the answer. */
  public boolean abandonedAt(Instant now) {
    return claimedAt.isPresent() && !refreshingAt(now);
  }

  /** This state without the claim columns. */
  RefreshState released() {
    return new RefreshState(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), interruptedAt,
        failures, nextAttemptAt);
  }

  /** This state (and its claim) with other failure counters. */
  RefreshState withCounters(Optional<Instant> interrupted, int failureCount, Optional<Instant> nextAttempt) {
    return new RefreshState(claimedAt, claimOwner, leaseUntil, claimedTokenFingerprint, interrupted, failureCount,
        nextAttempt);
  }

  /** True while every process must wait before the next token request. */
  public boolean backingOffAt(Instant now) {
    return nextAttemptAt.map(now::isBefore).orElse(false);
  }
}
