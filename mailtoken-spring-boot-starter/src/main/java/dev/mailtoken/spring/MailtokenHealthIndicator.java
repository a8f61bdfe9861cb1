package dev.mailtoken.spring;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.token.AccountHealth;
import dev.mailtoken.token.AccountStatus;
import dev.mailtoken.token.TokenManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator health of mailtoken's accounts ({@code /actuator/health/mailtoken}): DOWN while any
 * account needs a person to authorize it again (its grant is dead or revoked) — sending as it
 * fails until then — else UP, also while refreshes fail transiently (tokens still valid are
 * served). Details list every account with its health in lower case, and the accounts that need
 * reauthorization or whose refresh is failing by address (addresses are fine here: health details
 * are not metrics), with the last error's message; no secret. A store-backed configuration reports
 * the store's view (every stored account, whichever process refreshed it), worsened by what this
 * process saw. Thread-safe.
 */
final class MailtokenHealthIndicator implements HealthIndicator {
  private final TokenManager manager;
  private final Optional<CredentialStore> store;

  MailtokenHealthIndicator(TokenManager manager, Optional<CredentialStore> store) {
    this.manager = manager;
    this.store = store;
  }

  @Override
  public Health health() {
    Map<String, AccountHealth> accounts = new TreeMap<>();
    Map<String, String> errors = new TreeMap<>();
    if (store.isPresent()) {
      try {
        for (StoredAccount a : store.get().accounts()) {
          accounts.put(a.address(), a.health());
          a.lastError().ifPresent(e -> errors.put(a.address(), e));
        }
      } catch (MailtokenException e) {
        return Health.down().withDetail("error", "the store cannot be read: " + e.getMessage()).build();
      }
    }
    for (String address : manager.accounts()) {
      manager.status(address).ifPresent(s -> merge(accounts, errors, s));
    }
    List<String> dead = with(accounts, AccountHealth.REAUTHORIZATION_REQUIRED, AccountHealth.REVOKED);
    List<String> failing = with(accounts, AccountHealth.REFRESH_FAILING);
    Health.Builder b = dead.isEmpty() ? Health.up() : Health.down();
    Map<String, String> lower = new TreeMap<>();
    accounts.forEach((k, v) -> lower.put(k, v.name().toLowerCase(Locale.ROOT)));
    b.withDetail("accounts", lower);
    if (!dead.isEmpty()) {
      b.withDetail("reauthorizationRequired", dead);
    }
    if (!failing.isEmpty()) {
      b.withDetail("refreshFailing", failing);
    }
    errors.keySet().retainAll(union(dead, failing));
    if (!errors.isEmpty()) {
      b.withDetail("lastErrors", errors);
    }
    return b.build();
  }

  private static void merge(Map<String, AccountHealth> accounts, Map<String, String> errors, AccountStatus s) {
    AccountHealth seen = accounts.get(s.account());
    if (seen == null || s.health().ordinal() > seen.ordinal()) {
      accounts.put(s.account(), s.health());
      s.lastError().map(MailtokenException::getMessage).ifPresent(m -> errors.put(s.account(), m));
    }
  }

  private static List<String> with(Map<String, AccountHealth> accounts, AccountHealth... wanted) {
    List<String> out = new ArrayList<>();
    accounts.forEach((a, h) -> {
      for (AccountHealth w : wanted) {
        if (h == w) {
          out.add(a);
        }
      }
    });
    return out;
  }

  private static List<String> union(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
