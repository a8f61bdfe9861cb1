package dev.mailtoken.oauth;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.OAuthError;
import dev.mailtoken.TransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the token endpoint for a {@link DeviceAuthorization} until the user answers (RFC 8628
 * §3.4–3.5): it waits the provider's interval before each poll, keeps polling on
 * {@code authorization_pending} (Google: HTTP 428), adds 5 s to the interval for all later polls on
 * {@code slow_down} (T-D-02), and backs off exponentially (up to a minute, at least any
 * {@code Retry-After}) while the provider or network fails transiently.
 *
 * <p>Time is the {@link OAuthClient}'s clock and every wait goes through the {@link Sleeper}, so
 * tests move a test clock instead of waiting.
 *
 * <p>Thread-safe: {@link #await} keeps its state on the calling thread's stack, which it blocks.
 * Failures: {@link AuthorizationDeniedException} ({@code access_denied}, Microsoft's
 * {@code authorization_declined}); {@link AuthorizationExpiredException} (the code expired,
 * T-D-03, or the wait ended); {@link AuthorizationException} (the code was refused);
 * {@link dev.mailtoken.ConfigurationException} (client or scope problems, including Microsoft's
 * AADSTS7000218 explained); the last {@link TransientException} when the provider was unreachable
 * until the end; {@link ScopeNotGrantedException} and {@link MissingRefreshTokenException} after
 * consent, as for a code exchange. An interrupt ends the wait with {@link InterruptedException}.
 */
public final class DeviceCodePoller {
  private static final Logger log = LoggerFactory.getLogger(DeviceCodePoller.class);
  private static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  /** How the poller waits: {@link #system()} sleeps the thread; tests advance a clock. */
  @FunctionalInterface
  public interface Sleeper {
    /** Returns after {@code duration} has passed (on the clock the poller reads). */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep}. */
    static Sleeper system() {
      return duration -> Thread.sleep(duration.toMillis());
    }
  }

  private final OAuthClient client;
  private final Sleeper sleeper;

  /** A poller for devices authorized through {@code client}, waiting with {@code sleeper}. */
  public DeviceCodePoller(OAuthClient client, Sleeper sleeper) {
    this.client = Objects.requireNonNull(client, "client");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** A poller that sleeps the calling thread between polls. */
  public static DeviceCodePoller of(OAuthClient client) {
    return new DeviceCodePoller(client, Sleeper.system());
  }

  /** Polls until the user answers or the code expires; returns the tokens. */
  public TokenResponse await(DeviceAuthorization device) throws MailtokenException, InterruptedException {
    return await(device, null);
  }

  /**
   * Like {@link #await(DeviceAuthorization)}, giving up after {@code maxWait} when that comes
   * before the code's expiry.
   *
   * @param maxWait positive, or null for the code's lifetime
   */
  public TokenResponse await(DeviceAuthorization device, Duration maxWait)
      throws MailtokenException, InterruptedException {
    Objects.requireNonNull(device, "device");
    Clock clock = client.clock();
    Instant deadline = device.expiresAt();
    if (maxWait != null) {
      if (maxWait.isNegative() || maxWait.isZero()) {
        throw new IllegalArgumentException("maxWait must be positive, got " + maxWait);
      }
      Instant ours = clock.instant().plus(maxWait);
      deadline = ours.isBefore(deadline) ? ours : deadline;
    }
    Duration interval = device.interval();
    Duration wait = interval;
    int failures = 0;
    TransientException lastFailure = null;
    while (true) {
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        if (lastFailure != null) {
          throw lastFailure;
        }
        throw expired(device, deadline.equals(device.expiresAt()) ? "it expired at " + device.expiresAt()
            : "the wait of " + maxWait.toSeconds() + " s ended", null, null);
      }
      Duration left = Duration.between(now, deadline);
      sleeper.sleep(wait.compareTo(left) < 0 ? wait : left);
      DevicePoll poll;
      try {
        poll = client.pollDevice(device);
      } catch (TransientException e) {
        failures++;
        lastFailure = e;
        wait = backoff(interval, failures, e);
        log.warn("device-code poll at {} failed ({}); next poll in {} s", device.app().provider().name(),
            e.getMessage(), wait.toSeconds());
        continue;
      }
      failures = 0;
      lastFailure = null;
      if (poll instanceof DevicePoll.Granted granted) {
        return granted.tokens();
      }
      if (poll instanceof DevicePoll.SlowDown) {
        interval = interval.plus(SLOW_DOWN_STEP);
        log.debug("device-code poll at {}: slow_down, interval now {} s", device.app().provider().name(),
            interval.toSeconds());
      }
      wait = interval;
    }
  }

  private static Duration backoff(Duration interval, int failures, TransientException e) {
    Duration wait = interval.multipliedBy(1L << Math.min(failures, 6));
    wait = wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    Duration retryAfter = e.retryAfter().orElse(Duration.ZERO);
    return retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
  }

  static AuthorizationExpiredException expired(DeviceAuthorization device, String why, OAuthError error,
      Throwable cause) {
    return new AuthorizationExpiredException("nobody entered the code " + device.userCode() + " at "
        + device.verificationUri() + " and consented in time: " + why + "; nothing was authorized. Start the device"
        + " authorization again and finish it within its lifetime", null, error, cause);
  }
}
