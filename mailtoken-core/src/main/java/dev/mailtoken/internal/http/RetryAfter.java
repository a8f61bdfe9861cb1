package dev.mailtoken.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses {@code Retry-After}: delta-seconds or an HTTP-date (RFC 9110 §10.2.3), capped so that a
 * broken or hostile header cannot park an account for years. Stateless.
 */
public final class RetryAfter {
  /** The longest wait any header can ask for. */
  public static final Duration MAX = Duration.ofDays(1);

  private RetryAfter() {
  }

  /**
   * The wait the header asks for, measured from {@code clock} (a date in the past is zero), at most
   * {@link #MAX}; empty when absent or unreadable.
   */
  public static Optional<Duration> parse(Optional<String> header, Clock clock) {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(clock, "clock");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String v = header.get().trim();
    if (v.matches("\\d{1,9}")) {
      return Optional.of(capped(Duration.ofSeconds(Long.parseLong(v))));
    }
    try {
      ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), when.toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : capped(d));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration capped(Duration d) {
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
