package dev.mailtoken.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The device-code grant at the token endpoint (RFC 8628 §3.4–3.5), per mode. The client is
 * authenticated first, so a MICROSOFT app that is not a public client and sends no secret gets
 * AADSTS7000218 on every poll ("Allow public client flows" off). While the user has not answered:
 * GENERIC 400 {@code authorization_pending}, GOOGLE HTTP 428, MICROSOFT 400 AADSTS70016; a poll
 * sooner than the interval gets {@code slow_down} (not MICROSOFT) and adds 5 s to the interval.
 * Declined: GENERIC 400 / GOOGLE 403 {@code access_denied}, MICROSOFT {@code authorization_declined}.
 * Expired: {@code expired_token} (GENERIC once, then {@code invalid_grant}, T-D-03). Approved: the
 * tokens, once. Thread-safe: the check-then-update runs under the {@link GrantStore} monitor.
 */
final class DeviceCodeGrant {
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
  private static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

  private final EmulatorSettings settings;
  private final Paths paths;
  private final GrantStore grants;
  private final ErrorReplies errors;
  private final TokenReplies replies;

  DeviceCodeGrant(EmulatorSettings settings, Paths paths, GrantStore grants, ErrorReplies errors,
      TokenReplies replies) {
    this.settings = settings;
    this.paths = paths;
    this.grants = grants;
    this.errors = errors;
    this.replies = replies;
  }

  Reply handle(Request request, ClientRegistration client) {
    String code = request.form().get("device_code");
    if (code == null || code.isEmpty()) {
      throw errors.reject(Problem.MISSING_PARAMETER, "device_code");
    }
    synchronized (grants) {
      PendingDevice device = grants.devices().byDeviceCode(code);
      if (device == null || !device.clientId.equals(client.clientId())) {
        return unknownCode();
      }
      synchronized (grants.devices()) {
        return answer(request, client, device, grants.now());
      }
    }
  }

  private Reply answer(Request request, ClientRegistration client, PendingDevice device, Instant now) {
    if (device.state == PendingDevice.State.REDEEMED) {
      throw errors.reject(Problem.CODE_REDEEMED);
    }
    if (!now.isBefore(device.expiresAt)) {
      return expired(device);
    }
    return switch (device.state) {
      case DECLINED -> declined();
      case APPROVED -> issue(request, client, device);
      default -> pending(device, now);
    };
  }

  private Reply pending(PendingDevice device, Instant now) {
    boolean tooSoon = device.lastPollAt != null && now.isBefore(device.lastPollAt.plus(device.interval));
    device.lastPollAt = now;
    if (tooSoon && settings.mode() != EmulatorMode.MICROSOFT) {
      device.interval = device.interval.plus(SLOW_DOWN_STEP);
      return errors.custom(settings.mode() == EmulatorMode.GOOGLE ? 403 : 400, "slow_down",
          "Forbidden: polling too fast; wait the interval plus 5 seconds.");
    }
    return switch (settings.mode()) {
      case GOOGLE -> errors.custom(428, "authorization_pending", "Precondition Required");
      case MICROSOFT -> errors.custom(400, "authorization_pending",
          "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
      case GENERIC -> errors.custom(400, "authorization_pending", "The user has not answered yet.");
    };
  }

  private Reply declined() {
    return switch (settings.mode()) {
      case GOOGLE -> errors.custom(403, "access_denied", "Forbidden");
      case MICROSOFT -> errors.custom(400, "authorization_declined",
          "AADSTS70000: The user declined the authorization request.");
      case GENERIC -> errors.custom(400, "access_denied", "The user denied the authorization request.");
    };
  }

  private Reply expired(PendingDevice device) {
    if (settings.mode() == EmulatorMode.GENERIC && device.expiryReported) {
      return errors.custom(400, "invalid_grant", "The device code is no longer valid.");
    }
    device.expiryReported = true;
    return settings.mode() == EmulatorMode.MICROSOFT
        ? errors.custom(400, "expired_token", "AADSTS70020: The provided value for the input parameter 'device_code'"
            + " is not valid. This device code has expired.")
        : errors.custom(400, "expired_token", "The device code has expired.");
  }

  private Reply unknownCode() {
    return settings.mode() == EmulatorMode.MICROSOFT
        ? errors.custom(400, "bad_verification_code", "AADSTS70019: Verification code expired or not recognized.")
        : errors.custom(400, "invalid_grant", "Malformed auth code.");
  }

  private Reply issue(Request request, ClientRegistration client, PendingDevice device) {
    device.state = PendingDevice.State.REDEEMED;
    Set<String> granted = device.grantedScopes;
    boolean refresh = settings.mode() != EmulatorMode.MICROSOFT || granted.contains("offline_access");
    grants.recordConsent(device.user, client.clientId());
    RefreshFamily family = refresh ? grants.newFamily(device.user, client.clientId(), granted) : null;
    String refreshToken = family == null ? null : grants.newRefreshToken(family);
    Set<String> scopes = settings.mode() == EmulatorMode.MICROSOFT ? Scopes.firstResourceOnly(granted) : granted;
    IssuedAccessToken access = grants.newAccessToken(device.user, client.clientId(), scopes,
        TokenHandler.audience(settings.mode(), client.clientId(), scopes), family);
    String issuer = settings.mode() == EmulatorMode.MICROSOFT
        ? paths.issuer(request.tenant()).toString() : paths.issuer(null).toString();
    return replies.success(access, refreshToken, true, issuer);
  }
}
