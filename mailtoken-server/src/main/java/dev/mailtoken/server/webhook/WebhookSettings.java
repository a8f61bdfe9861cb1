package dev.mailtoken.server.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How webhooks are sent. Immutable.
 *
 * @param allowPlainHttp true: URLs may be plain http to any host (else https, or http to loopback only)
 * @param retryTtl how long after an event its delivery is retried before it is given up
 * @param timeout how long one POST may take, connecting included
 * @param backoffBase the wait after the first failed attempt; it doubles after each further one
 * @param backoffMax the longest wait between attempts
 * @param pollInterval how often the worker looks for due deliveries it was not told about
 *     (another node's, or after a restart)
 */
public record WebhookSettings(boolean allowPlainHttp, Duration retryTtl, Duration timeout, Duration backoffBase,
    Duration backoffMax, Duration pollInterval) {
  public WebhookSettings {
    positive(retryTtl, "retryTtl");
    positive(timeout, "timeout");
    positive(backoffBase, "backoffBase");
    positive(backoffMax, "backoffMax");
    positive(pollInterval, "pollInterval");
    if (backoffMax.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException("backoffMax (" + backoffMax + ") must not be below backoffBase ("
          + backoffBase + ")");
    }
  }

  /** The given URL rule, TTL and timeout; backoff from 10 s doubling up to 1 h; a poll every 30 s. */
  public static WebhookSettings of(boolean allowPlainHttp, Duration retryTtl, Duration timeout) {
    return new WebhookSettings(allowPlainHttp, retryTtl, timeout, Duration.ofSeconds(10), Duration.ofHours(1),
        Duration.ofSeconds(30));
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be above zero, was " + d);
    }
  }
}
