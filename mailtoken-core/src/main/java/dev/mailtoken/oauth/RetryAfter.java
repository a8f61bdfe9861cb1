package dev.mailtoken.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses {@code Retry-After}: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
final class RetryAfter {
  private static final Duration MAX = Duration.ofDays(1);

  private RetryAfter() {
  }

  /** The wait the header asks for, measured from {@code clock}; empty when absent or unreadable. */
  static Optional<Duration> parse(Optional<String> header, Clock clock) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String v = header.get().trim();
    if (v.matches("\\d{1,9}")) {
      return Optional.of(min(Duration.ofSeconds(Long.parseLong(v))));
    }
    try {
      ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), when.toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : min(d));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  // A broken header must not park an account for years.
  private static Duration min(Duration d) {
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
