package dev.mailtoken.server.account;

import dev.mailtoken.store.GrantKind;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.token.AccountHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The known deaths of a grant, from the providers' documented rules (provider-spec.md): a
 * Google app whose consent screen is in "Testing" gets refresh tokens that end 7 days after
 * consent (T-G-04; the server cannot see the publishing status, so this is shown as a possibility
 * until the 7 days have passed without the grant dying); Microsoft ends a refresh token unused
 * for 90 days, a window each refresh moves (T-M-06). A dead or revoked grant is dead now.
 * Stateless; pure.
 */
final class Forecasts {
  static final Duration GOOGLE_TESTING_LIFETIME = Duration.ofDays(7);
  static final Duration MICROSOFT_IDLE_LIFETIME = Duration.ofDays(90);

  private Forecasts() {
  }

  static List<ForecastedDeath> of(AccountView a, Optional<ProviderKind> provider, Instant consentAt, Instant now) {
    List<ForecastedDeath> out = new ArrayList<>();
    if (a.health() == AccountHealth.REAUTHORIZATION_REQUIRED) {
      out.add(new ForecastedDeath("the provider refused the refresh token", Optional.empty(), true,
          "Reconnect the mailbox: a person must consent again."));
      return out;
    }
    if (a.health() == AccountHealth.REVOKED) {
      out.add(new ForecastedDeath("revoked", Optional.empty(), true, "Reconnect the mailbox, or remove it."));
      return out;
    }
    if (a.grant() != GrantKind.REFRESH_TOKEN || provider.isEmpty()) {
      return out;
    }
    if (provider.get() == ProviderKind.GOOGLE) {
      Instant end = consentAt.plus(GOOGLE_TESTING_LIFETIME);
      if (now.isBefore(end)) {
        out.add(new ForecastedDeath("Google Testing app: 7-day refresh token", Optional.of(end), false,
            "Only if the app's OAuth consent screen is External and in Testing: publish it (In production), then"
                + " reconnect; tokens issued while in Testing keep their 7 days."));
      }
    } else if (provider.get() == ProviderKind.MICROSOFT) {
      Instant lastUse = a.lastRefresh().filter(r -> r.isAfter(consentAt)).orElse(consentAt);
      out.add(new ForecastedDeath("Microsoft: 90 days without use", Optional.of(lastUse.plus(MICROSOFT_IDLE_LIFETIME)),
          true, "Each refresh moves this date; this server refreshes before every access-token expiry, so it"
              + " comes only if the server stops refreshing the account."));
    }
    return out;
  }
}
