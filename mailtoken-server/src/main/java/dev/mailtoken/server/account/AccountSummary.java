package dev.mailtoken.server.account;

import dev.mailtoken.store.ProviderKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An account as the admin pages show it: the API's view, its app's provider, when this node will
 * refresh it next, and the known ways its grant will end, soonest first. Immutable.
 *
 * @param provider the provider kind of the account's app (empty when the app is gone)
 * @param consentAt when a person last consented (the newest connect or reconnect event, else
 *     when the account was stored)
 * @param nextRefresh when this node refreshes it next: the retry of a failing refresh, else the
 *     access token's expiry minus {@code refresh.margin} (up to {@code refresh.jitter} earlier);
 *     empty when it is not refreshed
 */
public record AccountSummary(AccountView account, Optional<ProviderKind> provider, Instant consentAt,
    Optional<Instant> nextRefresh, List<ForecastedDeath> forecast) {
  public AccountSummary {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(consentAt, "consentAt");
    Objects.requireNonNull(nextRefresh, "nextRefresh");
    forecast = forecast.stream().sorted(Comparator.comparing((ForecastedDeath f) -> f.at().orElse(Instant.MIN)))
        .toList();
  }

  /** The soonest known death, if any. */
  public Optional<ForecastedDeath> soonest() {
    return forecast.stream().findFirst();
  }
}
