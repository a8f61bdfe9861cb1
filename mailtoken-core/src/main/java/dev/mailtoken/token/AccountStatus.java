package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one account's token state, for status pages and the CLI.
 *
 * @param account the mailbox address
 * @param health the state
 * @param tokenExpiresAt expiry of the cached token, empty when none is cached or it has none
 * @param lastError the last refresh failure, empty when healthy
 * @param lastFailureAt when it happened
 * @param nextRetry when the next background retry is due, when failing
 */
public record AccountStatus(
    String account,
    AccountHealth health,
    Optional<Instant> tokenExpiresAt,
    Optional<MailtokenException> lastError,
    Optional<Instant> lastFailureAt,
    Optional<Instant> nextRetry) {

  public AccountStatus {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(lastFailureAt, "lastFailureAt");
    Objects.requireNonNull(nextRetry, "nextRetry");
  }
}
