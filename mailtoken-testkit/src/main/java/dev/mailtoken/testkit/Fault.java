package dev.mailtoken.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A failure the emulator produces instead of (or before) its normal answer; armed per endpoint
 * with {@link Faults}. Values are immutable.
 *
 * <p>Only {@link Delay} and {@link SlowDrip} use real (wall-clock) time, so client timeouts can
 * be tested; everything else in the emulator reads the injected clock.
 */
public sealed interface Fault {

  /** Waits {@code duration} of real time, then answers normally. */
  static Fault delay(Duration duration) {
    return new Delay(duration);
  }

  /** Answers {@code status} (e.g. 500, 503) with {@code body} (JSON if it starts with '{', else text). */
  static Fault status(int status, String body) {
    return new Status(status, body);
  }

  /** Answers 429 with {@code Retry-After: <seconds>}. */
  static Fault tooManyRequests(Duration retryAfter) {
    return new TooManyRequests(Long.toString(retryAfter.toSeconds()));
  }

  /** Answers 429 with {@code Retry-After: <HTTP-date>}. */
  static Fault tooManyRequests(Instant retryAt) {
    return new TooManyRequests(DateTimeFormatter.RFC_1123_DATE_TIME.format(retryAt.atOffset(ZoneOffset.UTC)));
  }

  /** Answers {@code status} with an HTML error page (as a proxy or captive portal would). */
  static Fault html(int status) {
    return new Html(status);
  }

  /** Answers 200 with a JSON body cut in the middle (Content-Length matches the cut body). */
  static Fault truncatedJson() {
    return new TruncatedJson();
  }

  /** Closes the connection without sending any response. */
  static Fault connectionReset() {
    return new ConnectionReset();
  }

  /** Sends the normal answer {@code bytesPerChunk} bytes at a time, pausing {@code pause} (real time) between chunks. */
  static Fault slowDrip(int bytesPerChunk, Duration pause) {
    return new SlowDrip(bytesPerChunk, pause);
  }

  /** Answers {@code status} with an OAuth error body in the emulator mode's shape. */
  static Fault oauthError(int status, String error, String description) {
    return new OAuthError(status, error, description);
  }

  /** See {@link Fault#delay}. */
  record Delay(Duration duration) implements Fault {
    public Delay {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative: " + duration);
      }
    }
  }

  /** See {@link Fault#status}. */
  record Status(int status, String body) implements Fault {
    public Status {
      checkStatus(status);
      Objects.requireNonNull(body, "body");
    }
  }

  /** See {@link Fault#tooManyRequests(Duration)}; {@code retryAfter} is the header value. */
  record TooManyRequests(String retryAfter) implements Fault {
    public TooManyRequests {
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  /** See {@link Fault#html}. */
  record Html(int status) implements Fault {
    public Html {
      checkStatus(status);
    }
  }

  /** See {@link Fault#truncatedJson}. */
  record TruncatedJson() implements Fault {}

  /** See {@link Fault#connectionReset}. */
  record ConnectionReset() implements Fault {}

  /** See {@link Fault#slowDrip}. */
  record SlowDrip(int bytesPerChunk, Duration pause) implements Fault {
    public SlowDrip {
      if (bytesPerChunk < 1) {
        throw new IllegalArgumentException("bytesPerChunk must be at least 1, got " + bytesPerChunk);
      }
      if (pause.isNegative()) {
        throw new IllegalArgumentException("pause must not be negative: " + pause);
      }
    }
  }

  /** See {@link Fault#oauthError}. */
  record OAuthError(int status, String error, String description) implements Fault {
    public OAuthError {
      checkStatus(status);
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(description, "description");
    }
  }

  private static void checkStatus(int status) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("HTTP status must be 200-599, got " + status);
    }
  }
}
