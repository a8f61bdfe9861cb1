package dev.mailtoken.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides an SMTP AUTH: token validity (via {@link ProviderEmulator#introspect}), user, scope and
 * audience, Exchange's SMTP-AUTH switches and the per-user session limit. Thread-safe.
 */
final class SmtpAccess {
  private static final String OUTLOOK = "https://outlook.office.com";
  private static final String OUTLOOK_365 = "https://outlook.office365.com";

  /** The outcome of a check; {@code user} is the lower-cased user a session slot is held for. */
  record Verdict(Kind kind, String user, Instant expiresAt) {}

  enum Kind { ACCEPTED, REJECTED, MAILBOX_DISABLED, TENANT_DISABLED, TOO_MANY_CONNECTIONS }

  private final ProviderEmulator provider;
  private final SmtpSettings settings;
  private final Set<String> disabledMailboxes = ConcurrentHashMap.newKeySet();
  private volatile boolean tenantDisabled;
  private final Map<String, Integer> sessions = new HashMap<>();

  SmtpAccess(ProviderEmulator provider, SmtpSettings settings) {
    this.provider = provider;
    this.settings = settings;
  }

  void disableMailbox(String mailbox) {
    disabledMailboxes.add(mailbox.toLowerCase(Locale.ROOT));
  }

  void disableTenant() {
    tenantDisabled = true;
  }

  /** Checks a bearer AUTH; on ACCEPTED the caller holds a session slot for the user until {@link #release}. */
  Verdict check(SaslResponse response, boolean userRequired) {
    Clock clock = settings.clock();
    Optional<TokenInfo> info = response.token().isEmpty() ? Optional.empty() : provider.introspect(response.token());
    if (info.isEmpty() || !clock.instant().isBefore(info.get().expiresAt())) {
      return rejected();
    }
    TokenInfo token = info.get();
    boolean exchange = settings.style() == SmtpStyle.EXCHANGE;
    boolean appOnly = token.user().equals(token.clientId());
    boolean userOk = response.user().isEmpty() ? !userRequired
        : token.user().equalsIgnoreCase(response.user()) || (exchange && appOnly);
    boolean audienceOk = !exchange || token.audience().equals(OUTLOOK) || token.audience().equals(OUTLOOK_365);
    boolean scopeOk = token.scopes().contains(settings.requiredScope())
        || (exchange && appOnly && (token.scopes().contains(OUTLOOK + "/.default")
            || token.scopes().contains(OUTLOOK_365 + "/.default")));
    if (!userOk || !audienceOk || !scopeOk) {
      return rejected();
    }
    String user = (response.user().isEmpty() ? token.user() : response.user()).toLowerCase(Locale.ROOT);
    if (exchange && tenantDisabled) {
      return new Verdict(Kind.TENANT_DISABLED, user, null);
    }
    if (exchange && disabledMailboxes.contains(user)) {
      return new Verdict(Kind.MAILBOX_DISABLED, user, null);
    }
    if (!occupy(user)) {
      return new Verdict(Kind.TOO_MANY_CONNECTIONS, user, null);
    }
    return new Verdict(Kind.ACCEPTED, user, token.expiresAt());
  }

  private static Verdict rejected() {
    return new Verdict(Kind.REJECTED, "", null);
  }

  private synchronized boolean occupy(String user) {
    int current = sessions.getOrDefault(user, 0);
    if (settings.maxConnectionsPerUser() > 0 && current >= settings.maxConnectionsPerUser()) {
      return false;
    }
    sessions.put(user, current + 1);
    return true;
  }

  synchronized void release(String user) {
    sessions.computeIfPresent(user, (u, n) -> n > 1 ? n - 1 : null);
  }
}
