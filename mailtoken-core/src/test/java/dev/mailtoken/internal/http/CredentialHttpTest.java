package dev.mailtoken.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.TestClock;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One credential-carrying request against the provider emulator: answers, the size cap and the deadline. */
class CredentialHttpTest {
  private final ProviderEmulator emulator = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE)
      .clock(TestClock.at(Instant.parse("2031-05-17T09:13:27.123Z"))).build().start();

  @AfterEach
  void stop() {
    emulator.close();
  }

  private static CredentialHttp http(Duration timeout, int cap) {
    return new CredentialHttp(HttpPolicy.newClient(Duration.ofSeconds(5)), timeout, cap);
  }

  private HttpRequest userinfo() {
    return HttpRequest.newBuilder(emulator.userinfoEndpoint()).header("Authorization", "Bearer nope").GET().build();
  }

  @Test
  void givenAnErrorStatus_whenSent_thenItIsAnAnswerWithStatusHeadersAndBody() throws Exception {
    HttpReply reply = http(Duration.ofSeconds(5), 1024).send(userinfo());

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    assertThat(reply.body()).contains("invalid_token");
    assertThat(reply.isSuccess()).isFalse();
    assertThat(reply.isTransientStatus()).isFalse();
  }

  @Test
  void givenABodyOverTheCap_whenSent_thenTooLargeWithTheAnswersStatus() {
    emulator.faults().next(Endpoint.USERINFO, Fault.status(503, "x".repeat(4096)));

    assertThatThrownBy(() -> http(Duration.ofSeconds(5), 1024).send(userinfo()))
        .isInstanceOfSatisfying(HttpCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(HttpCallException.Kind.TOO_LARGE);
          assertThat(e.status()).isEqualTo(503);
        });
  }

  @Test
  void givenABodyDrippingPastTheDeadline_whenSent_thenTimeoutEvenThoughTheHeadersCameInTime() {
    emulator.faults().next(Endpoint.USERINFO, Fault.slowDrip(1, Duration.ofMillis(200)));

    assertThatThrownBy(() -> http(Duration.ofMillis(500), 1024).send(userinfo()))
        .isInstanceOfSatisfying(HttpCallException.class,
            e -> assertThat(e.kind()).isEqualTo(HttpCallException.Kind.TIMEOUT));
  }

  @Test
  void givenAClosedLoopbackPort_whenSent_thenIoFailure() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    HttpRequest request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + closedPort + "/token"))
        .GET().build();

    assertThatThrownBy(() -> http(Duration.ofSeconds(5), 1024).send(request))
        .isInstanceOfSatisfying(HttpCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(HttpCallException.Kind.IO_FAILURE);
          assertThat(e.causeSummary()).contains("ConnectException");
        });
  }
}
