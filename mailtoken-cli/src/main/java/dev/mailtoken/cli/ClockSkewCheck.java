package dev.mailtoken.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Compares the local clock with a server's {@code Date} header (RFC 9110 §6.6.1). Token lifetimes,
 * JWT assertions ({@code iat} within minutes) and expiry margins all assume the clocks agree.
 * One GET per call, all calls on one HTTP client; otherwise stateless apart from the injected clock.
 */
final class ClockSkewCheck {
  /** Beyond this, JWT assertions and expiry decisions start to go wrong. */
  static final Duration TOLERANCE = Duration.ofSeconds(60);

  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ClockSkewCheck(Clock clock) {
    this.clock = clock;
  }

  Finding check(URI endpoint) {
    String topic = "clock";
    try {
      Instant sent = clock.instant();
      HttpResponse<Void> reply = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(15)).GET()
          .build(), HttpResponse.BodyHandlers.discarding());
      Instant received = clock.instant();
      Optional<String> date = reply.headers().firstValue("Date");
      if (date.isEmpty()) {
        return Finding.ok(topic, endpoint.getHost() + " sent no Date header; clock not checked");
      }
      Instant server = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Instant local = sent.plus(Duration.between(sent, received).dividedBy(2));
      Duration skew = Duration.between(server, local);
      if (skew.abs().compareTo(TOLERANCE) > 0) {
        return Finding.problem(topic, "the local clock is " + human(skew.abs()) + (skew.isNegative() ? " behind "
            : " ahead of ") + endpoint.getHost() + " (local " + local + ", server " + server + ")",
            "tokens look expired too early or too late, and signed JWT assertions (service accounts) are refused"
                + " when iat is off by minutes",
            "synchronise the clock (timedatectl set-ntp true, or your platform's NTP service)");
      }
      return Finding.ok(topic, "local clock agrees with " + endpoint.getHost() + " within " + human(skew.abs()));
    } catch (IOException | DateTimeParseException e) {
      return Finding.warning(topic, "could not check the clock against " + endpoint.getHost() + ": " + e.getMessage(),
          "", "check the network");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Finding.warning(topic, "clock check interrupted", "", "");
    }
  }

  private static String human(Duration d) {
    return d.toSeconds() >= 120 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }
}
