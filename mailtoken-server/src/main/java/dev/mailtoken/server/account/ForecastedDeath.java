package dev.mailtoken.server.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A known way an account's grant ends, from the provider's documented rules (see
 * {@code provider-spec.md}): Google ends a "Testing" app's refresh tokens 7 days after consent,
 * Microsoft ends one unused for 90 days. Immutable; never holds a secret.
 *
 * @param cause what ends it, in a few words (e.g. "Google Testing app: 7-day refresh token")
 * @param at when, if known; empty for a grant that is already dead
 * @param certain false when the rule may not apply (a Google app's publishing status is not
 *     visible to the server: it applies only while the consent screen is in Testing)
 * @param advice what to do about it
 */
public record ForecastedDeath(String cause, Optional<Instant> at, boolean certain, String advice) {
  public ForecastedDeath {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(advice, "advice");
  }
}
