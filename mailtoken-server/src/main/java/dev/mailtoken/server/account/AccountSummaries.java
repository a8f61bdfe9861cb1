package dev.mailtoken.server.account;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.token.AccountHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the admin pages' {@link AccountSummary}s from the accounts, their apps and their events. Thread-safe. */
final class AccountSummaries {
  private final Accounts accounts;
  private final CredentialStore store;
  private final AccountEventRepository events;
  private final Duration margin;
  private final Clock clock;

  AccountSummaries(Accounts accounts, CredentialStore store, AccountEventRepository events, Duration margin,
      Clock clock) {
    this.accounts = accounts;
    this.store = store;
    this.events = events;
    this.margin = margin;
    this.clock = clock;
  }

  /** Every account, by address. */
  List<AccountSummary> all() throws MailtokenException {
    Map<String, Instant> consents = events.consentTimes();
    Map<String, Optional<ProviderKind>> providers = new HashMap<>();
    for (StoredApp app : store.apps()) {
      providers.put(app.name(), Optional.of(app.kind()));
    }
    Instant now = clock.instant();
    return accounts.list().stream().map(a -> summary(a, providers.getOrDefault(a.app(), Optional.empty()),
        consents.getOrDefault(a.id(), a.createdAt()), now)).toList();
  }

  /** One account. @throws dev.mailtoken.store.NoSuchEntryException when there is none */
  AccountSummary one(String address) throws MailtokenException {
    AccountView a = accounts.get(address);
    Optional<ProviderKind> provider = store.app(a.app()).map(StoredApp::kind);
    Instant consent = events.consentTimes().getOrDefault(address, a.createdAt());
    return summary(a, provider, consent, clock.instant());
  }

  private AccountSummary summary(AccountView a, Optional<ProviderKind> provider, Instant consentAt, Instant now) {
    Optional<Instant> next = a.nextRetry().isPresent() ? a.nextRetry()
        : a.health() == AccountHealth.HEALTHY ? a.accessTokenExpiresAt().map(e -> e.minus(margin)) : Optional.empty();
    return new AccountSummary(a, provider, consentAt, next, Forecasts.of(a, provider, consentAt, now));
  }
}
