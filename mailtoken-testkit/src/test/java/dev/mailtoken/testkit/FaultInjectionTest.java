package dev.mailtoken.testkit;

import static dev.mailtoken.testkit.Emulators.GMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  private final ProviderEmulator emulator =
      Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE));
  private final Http http = new Http();
  private final String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of(GMAIL));

  @AfterEach
  void close() {
    emulator.close();
  }

  private HttpResponse<String> refresh() {
    return Emulators.refresh(http, emulator, rt);
  }

  @Test
  void givenNextTwo503_whenRefreshingThreeTimes_thenTwoFailuresThenSuccessAndAllCounted() {
    emulator.faults().next(Endpoint.TOKEN, 2, Fault.status(503, "{\"error\":\"temporarily_unavailable\"}"));

    assertThat(refresh().statusCode()).isEqualTo(503);
    assertThat(refresh().statusCode()).isEqualTo(503);
    assertThat(refresh().statusCode()).isEqualTo(200);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(3);
  }

  @Test
  void givenTooManyRequests_whenRefreshing_then429WithRetryAfterSeconds() {
    emulator.faults().next(Endpoint.TOKEN, Fault.tooManyRequests(Duration.ofSeconds(30)));

    HttpResponse<String> response = refresh();

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
  }

  @Test
  void givenTooManyRequestsUntilInstant_whenRefreshing_thenRetryAfterHttpDate() {
    emulator.faults().next(Endpoint.TOKEN, Fault.tooManyRequests(Instant.parse("2031-05-17T09:14:00Z")));

    assertThat(refresh().headers().firstValue("Retry-After")).hasValue("Sat, 17 May 2031 09:14:00 GMT");
  }

  @Test
  void givenHtml_whenRefreshing_thenHtmlBody() {
    emulator.faults().next(Endpoint.TOKEN, Fault.html(502));

    HttpResponse<String> response = refresh();

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
  }

  @Test
  void givenTruncatedJson_whenRefreshing_then200WithUnparseableBody() {
    emulator.faults().next(Endpoint.TOKEN, Fault.truncatedJson());

    HttpResponse<String> response = refresh();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> Http.json(response)).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void givenConnectionReset_whenRefreshing_thenIoFailure() {
    emulator.faults().next(Endpoint.TOKEN, Fault.connectionReset());

    assertThatThrownBy(this::refresh).isInstanceOf(UncheckedIOException.class);
    assertThat(refresh().statusCode()).isEqualTo(200);
  }

  @Test
  void givenDelayLongerThanClientTimeout_whenRefreshing_thenClientTimesOut() {
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(800)));
    HttpRequest request = HttpRequest.newBuilder(emulator.tokenEndpoint()).timeout(Duration.ofMillis(200))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(Http.form("grant_type", "refresh_token", "refresh_token", rt,
            "client_id", Emulators.CLIENT, "client_secret", Emulators.SECRET))).build();

    assertThatThrownBy(() -> http.send(request)).hasCauseInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void givenSlowDrip_whenRefreshing_thenFullBodyArrivesLate() {
    emulator.faults().next(Endpoint.TOKEN, Fault.slowDrip(64, Duration.ofMillis(20)));
    long start = System.nanoTime();

    HttpResponse<String> response = refresh();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
    assertThat(Http.json(response).get("access_token").asText()).startsWith("ya29.");
  }

  @Test
  void givenOAuthError_whenRefreshing_thenThatErrorInModeShape() {
    emulator.faults().next(Endpoint.TOKEN, Fault.oauthError(500, "internal_failure", "Backend error"));

    HttpResponse<String> response = refresh();

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("internal_failure");
  }

  @Test
  void givenAlwaysFault_whenCleared_thenNormalAgain() {
    emulator.faults().always(Endpoint.TOKEN, Fault.status(500, "boom"));
    assertThat(refresh().statusCode()).isEqualTo(500);
    assertThat(refresh().statusCode()).isEqualTo(500);

    emulator.faults().clear();

    assertThat(refresh().statusCode()).isEqualTo(200);
  }

  @Test
  void givenRequests_whenRecorded_thenLogHoldsFormParamsAndHeaders() {
    refresh();

    RecordedRequest recorded = emulator.requests(Endpoint.TOKEN).get(0);
    assertThat(recorded.method()).isEqualTo("POST");
    assertThat(recorded.param("grant_type")).hasValue("refresh_token");
    assertThat(recorded.header("Content-Type")).hasValue("application/x-www-form-urlencoded");
    assertThat(recorded.toString()).doesNotContain(rt);
  }
}
