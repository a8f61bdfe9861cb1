package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.TransientException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one {@link AccountSlot} refresh ended with: the snapshot a failure leaves behind, and the
 * log line and {@link TokenEvent} reporting an outcome once the slot committed it (logged under
 * {@code AccountSlot}'s logger, fingerprints only). Stateless; called outside the slot's lock.
 */
final class FlightOutcome {
  private static final Logger LOG = LoggerFactory.getLogger(AccountSlot.class);

  private FlightOutcome() {
  }

  /**
   * The snapshot after {@code error}: reauthorization required, or refresh failing with the next
   * retry after the backoff (or the server's {@code Retry-After}). The current token stays served
   * unless the refresh renewed it: a rejected token is never served again, even while its expiry
   * says it is valid.
   */
  static Snapshot afterFailure(Snapshot s, MailtokenException error, RefreshTrigger trigger, Instant now,
      BackoffPolicy backoff) {
    if (error instanceof ReauthorizationRequiredException) {
      return new Snapshot(null, Long.MIN_VALUE, Long.MIN_VALUE, AccountHealth.REAUTHORIZATION_REQUIRED,
          error, now, null, s.failures() + 1);
    }
    int failures = s.failures() + 1;
    Duration delay = backoff.delay(failures,
        error instanceof TransientException te ? te.retryAfter() : Optional.empty());
    Instant retry = now.plus(delay);
    boolean keep = trigger != RefreshTrigger.RENEW && s.token() != null;
    return new Snapshot(keep ? s.token() : null, keep ? s.freshUntil() : Long.MIN_VALUE,
        keep ? s.usableUntil() : Long.MIN_VALUE, AccountHealth.REFRESH_FAILING, error, now, retry, failures);
  }

  /** Logs and publishes a committed token: {@code Rotated} first when {@code rotated} is not null, then {@code Issued}. */
  static void issued(ManagerConfig config, String account, List<String> scopes, Instant now, AccessToken token,
      Secret rotated, Rejection reason, Duration elapsed) {
    if (rotated != null) {
      LOG.info("refresh token rotated and saved account={} refreshToken=sha256:{}", account, rotated.fingerprint());
      config.events().publish(new TokenEvent.Rotated(account, now, rotated.fingerprint()));
    }
    LOG.info("access token issued account={} scopes={} token=sha256:{} expiresAt={}", account,
        ScopeKey.describe(scopes), token.value().fingerprint(), token.expiresAt().map(Instant::toString).orElse("unknown"));
    config.events().publish(
        new TokenEvent.Issued(account, now, token, scopes, Optional.ofNullable(reason), elapsed));
  }

  /**
   * Logs (ERROR for reauthorization required, else WARN) and publishes the committed failure
   * {@code next}: {@code ReauthorizationRequired} or {@code RefreshFailed}.
   */
  static void failed(ManagerConfig config, String account, List<String> scopes, Instant now, Snapshot next,
      Duration elapsed) {
    MailtokenException error = next.lastError();
    TokenEvent event;
    if (next.health() == AccountHealth.REAUTHORIZATION_REQUIRED) {
      LOG.error("reauthorization required account={} scopes={} error={}: {}", account, ScopeKey.describe(scopes),
          error.getClass().getSimpleName(), error.getMessage());
      event = new TokenEvent.ReauthorizationRequired(account, now, error, scopes, elapsed);
    } else {
      LOG.warn("token refresh failed account={} scopes={} error={} failures={} nextRetry={}: {}", account,
          ScopeKey.describe(scopes), error.getClass().getSimpleName(), next.failures(), next.nextRetry(),
          error.getMessage());
      event = new TokenEvent.RefreshFailed(account, now, error, next.nextRetry(), scopes, elapsed);
    }
    config.events().publish(event);
  }
}
