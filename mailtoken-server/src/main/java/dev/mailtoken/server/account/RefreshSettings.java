package dev.mailtoken.server.account;

import java.time.Duration;
import java.util.Objects;

/**
 * How the server keeps accounts fresh.
 *
 * @param margin refresh this long before expiry; below the store's reuse margin (10 min), so a
 *     token another node stored is always taken instead of refreshing again
 * @param jitter up to this much earlier, at random
 * @param perSecond the most refreshes started per second per provider
 * @param threads how many refreshes run at once (the rest queue)
 */
public record RefreshSettings(Duration margin, Duration jitter, double perSecond, int threads) {
  public RefreshSettings {
    Objects.requireNonNull(margin, "margin");
    Objects.requireNonNull(jitter, "jitter");
    if (margin.plus(jitter).compareTo(Duration.ofMinutes(10)) >= 0 || margin.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("refresh.margin plus refresh.jitter must be under 10 minutes (the store's"
          + " reuse margin) and the margin at least 1 minute; got " + margin + " + " + jitter);
    }
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("refresh.per-provider-per-second must be positive, was " + perSecond);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
  }
}
