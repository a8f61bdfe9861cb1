package dev.mailtoken.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading an answer: Retry-After in both forms, transient statuses, excerpts without the request's secrets. */
class ResponseReadingTest {
  private final TestClock clock = TestClock.at(Instant.parse("2031-05-17T09:13:27.123Z"));

  private String date(Instant at) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
  }

  @Test
  void givenRetryAfterInSeconds_whenParsed_thenThatWait() {
    assertThat(RetryAfter.parse(Optional.of(" 120 "), clock)).hasValue(Duration.ofSeconds(120));
  }

  @Test
  void givenRetryAfterAsAnHttpDate_whenParsed_thenMeasuredFromTheClock() {
    Instant at = clock.instant().plusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    assertThat(RetryAfter.parse(Optional.of(date(at)), clock)).hasValue(Duration.between(clock.instant(), at));
  }

  @Test
  void givenRetryAfterInThePast_whenParsed_thenZero() {
    assertThat(RetryAfter.parse(Optional.of(date(clock.instant().minusSeconds(60))), clock)).hasValue(Duration.ZERO);
  }

  @Test
  void givenRetryAfterOfAYearInEitherForm_whenParsed_thenCappedAtOneDay() {
    assertThat(RetryAfter.parse(Optional.of("31536000"), clock)).hasValue(RetryAfter.MAX);
    assertThat(RetryAfter.parse(Optional.of(date(clock.instant().plus(Duration.ofDays(365)))), clock))
        .hasValue(RetryAfter.MAX);
    assertThat(RetryAfter.MAX).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void givenUnreadableOrMissingRetryAfter_whenParsed_thenEmpty() {
    assertThat(RetryAfter.parse(Optional.of("soon"), clock)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of("-5"), clock)).isEmpty();
    assertThat(RetryAfter.parse(Optional.empty(), clock)).isEmpty();
  }

  @Test
  void givenStatuses_whenClassified_thenOnly408And429And5xxAreTransient() {
    assertThat(List.of(408, 429, 500, 502, 503, 504, 599)).allMatch(HttpStatuses::isTransient);
    assertThat(List.of(200, 204, 302, 400, 401, 403, 404, 409, 413)).noneMatch(HttpStatuses::isTransient);
  }

  @Test
  void givenABodyEchoingTheRequestsSecretInAnyEncoding_whenExcerpted_thenNoFormOfItRemains() {
    String secret = "s3cr/t+v@l";   // short and odd: no token-like pattern would catch it
    String body = "{\"error\":\"bad\",\"raw\":\"" + secret + "\",\"form\":\"s3cr%2Ft%2Bv%40l\",\"json\":\"s3cr\\/t+v@l\"}";

    String excerpt = Excerpts.of(body, List.of(secret));

    assertThat(excerpt).doesNotContain("s3cr").contains("<redacted>").contains("\"error\":\"bad\"");
  }

  @Test
  void givenAReplyEchoingASecret_whenCleaned_thenOnlyTheBodyChanges() {
    HttpReply reply = new HttpReply(400, java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true),
        "token abcd1234 rejected", 12);

    HttpReply cleaned = reply.withoutSecrets(List.of("abcd1234", "ab"));

    assertThat(cleaned.body()).isEqualTo("token <redacted> rejected");
    assertThat(cleaned.status()).isEqualTo(400);
    assertThat(cleaned.elapsedMillis()).isEqualTo(12);
    assertThat(reply.withoutSecrets(List.of("zzzz"))).isSameAs(reply);
  }
}
