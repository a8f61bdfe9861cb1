package dev.mailtoken.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One device authorization (RFC 8628) between the device endpoint's answer and the token the
 * poll redeems. Mutable (state, interval, last poll, the user's answer); guarded by the
 * {@link DeviceCodes} monitor.
 */
final class PendingDevice {
  /** Where the user is in the flow. */
  enum State { PENDING, APPROVED, DECLINED, REDEEMED }

  final String deviceCode;
  final String userCode;
  final String clientId;
  final Set<String> requestedScopes;
  final Instant expiresAt;
  Duration interval;
  Instant lastPollAt;
  State state = State.PENDING;
  /** GENERIC: {@code expired_token} was answered once; later polls get {@code invalid_grant} (T-D-03). */
  boolean expiryReported;
  String user;
  Set<String> grantedScopes = Set.of();

  PendingDevice(String deviceCode, String userCode, String clientId, Set<String> requestedScopes, Instant expiresAt,
      Duration interval) {
    this.deviceCode = deviceCode;
    this.userCode = userCode;
    this.clientId = clientId;
    this.requestedScopes = Set.copyOf(requestedScopes);
    this.expiresAt = expiresAt;
    this.interval = interval;
  }
}
