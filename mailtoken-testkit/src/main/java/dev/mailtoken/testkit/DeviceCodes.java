package dev.mailtoken.testkit;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The device authorizations the emulator handed out, by device code and by user code. User codes
 * are compared as RFC 8628 §6.1 suggests: case-insensitive, punctuation ignored. Thread-safe:
 * every method synchronizes on this object; the poll handler takes the {@link GrantStore} monitor
 * first, then this one.
 */
final class DeviceCodes {
  private static final String GOOGLE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
  private static final String MICROSOFT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final EmulatorMode mode;
  private final TokenValues values;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, PendingDevice> byDeviceCode = new LinkedHashMap<>();
  private final Map<String, PendingDevice> byUserCode = new LinkedHashMap<>();

  DeviceCodes(EmulatorMode mode, TokenValues values) {
    this.mode = mode;
    this.values = values;
  }

  synchronized PendingDevice create(String clientId, Set<String> scopes, Instant expiresAt, Duration interval) {
    String userCode;
    do {
      userCode = userCode();
    } while (byUserCode.containsKey(normalize(userCode)));
    String deviceCode = switch (mode) {
      case GOOGLE -> "AH-1Ng" + values.random(48);
      case MICROSOFT -> "DAQABAAEAAAD" + values.random(64);
      case GENERIC -> "dc." + values.random(32);
    };
    PendingDevice device = new PendingDevice(deviceCode, userCode, clientId, scopes, expiresAt, interval);
    byDeviceCode.put(deviceCode, device);
    byUserCode.put(normalize(userCode), device);
    return device;
  }

  synchronized PendingDevice byDeviceCode(String deviceCode) {
    return byDeviceCode.get(deviceCode);
  }

  /** The pending authorization the user would reach by typing {@code userCode}; fails for unknown or answered ones. */
  synchronized PendingDevice pending(String userCode, Instant now) {
    PendingDevice device = byUserCode.get(normalize(userCode));
    if (device == null) {
      throw new IllegalArgumentException("no device authorization has user code '" + userCode + "'");
    }
    if (!now.isBefore(device.expiresAt)) {
      throw new IllegalArgumentException("user code '" + userCode + "' expired at " + device.expiresAt);
    }
    if (device.state != PendingDevice.State.PENDING) {
      throw new IllegalArgumentException("user code '" + userCode + "' was already answered (" + device.state + ")");
    }
    return device;
  }

  /** The user's answer on the consent screen: the decision's scopes (none, or DENY, declines). */
  synchronized void answer(String userCode, String user, ConsentDecision decision, Instant now) {
    PendingDevice device = pending(userCode, now);
    Set<String> granted = new LinkedHashSet<>(device.requestedScopes);
    if (decision.kind() == ConsentDecision.Kind.GRANT_SUBSET) {
      granted.retainAll(Scopes.expandAll(decision.scopes(), mode));
    }
    if (decision.kind() == ConsentDecision.Kind.DENY || granted.isEmpty()) {
      device.state = PendingDevice.State.DECLINED;
      return;
    }
    device.user = user;
    device.grantedScopes = Set.copyOf(granted);
    device.state = PendingDevice.State.APPROVED;
  }

  synchronized void decline(String userCode, Instant now) {
    pending(userCode, now).state = PendingDevice.State.DECLINED;
  }

  /** User codes still waiting for the user at {@code now}, oldest first. */
  synchronized List<String> pendingUserCodes(Instant now) {
    List<String> codes = new ArrayList<>();
    for (PendingDevice device : byDeviceCode.values()) {
      if (device.state == PendingDevice.State.PENDING && now.isBefore(device.expiresAt)) {
        codes.add(device.userCode);
      }
    }
    return codes;
  }

  private String userCode() {
    if (mode == EmulatorMode.MICROSOFT) {
      return pick(MICROSOFT_ALPHABET, 9);
    }
    return pick(GOOGLE_ALPHABET, 4) + "-" + pick(GOOGLE_ALPHABET, 4);
  }

  private String pick(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  static String normalize(String userCode) {
    return userCode.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
  }
}
