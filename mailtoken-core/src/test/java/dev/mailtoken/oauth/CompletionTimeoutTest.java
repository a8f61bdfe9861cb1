package dev.mailtoken.oauth;

import static dev.mailtoken.oauth.Emulated.CLIENT_ID;
import static dev.mailtoken.oauth.Emulated.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.Secret;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.RotationPolicy;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link OAuthClient#refreshAsync}: a sent refresh is read until the completion timeout, so a late
 * answer from a provider that rotates refresh tokens is not thrown away. Real time, but short: the
 * emulator's delay and slow-drip faults are wall-clock.
 */
class CompletionTimeoutTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Emulated.START);
  private ProviderEmulator emulator;
  private App app;
  private Secret rt;

  @BeforeEach
  void start() {
    emulator = ProviderEmulator.builder().mode(EmulatorMode.GENERIC).rotation(RotationPolicy.ROTATE_REUSE_DETECTION)
        .clock(clock).build().start();
    emulator.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET).build());
    app = Emulated.app(emulator);
    rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, Emulated.USER, List.of("mail.send")));
    logs.forbidAll(emulator::issuedSecrets).forbid(CLIENT_SECRET);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private OAuthClient client(Duration request, Duration completion) {
    return OAuthClient.builder().clock(clock).requestTimeout(request).completionTimeout(completion).build();
  }

  @Test
  void givenAnswerLaterThanTheRequestTimeout_whenRefreshedAsynchronously_thenTheRotatedTokenStillArrives()
      throws Exception {
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(800)));

    TokenResponse late = client(Duration.ofMillis(200), Duration.ofSeconds(10))
        .refreshAsync(app, rt, List.of(), Emulated.USER).get(10, TimeUnit.SECONDS);

    assertThat(late.refreshToken()).isPresent().isNotEqualTo(java.util.Optional.of(rt));
    assertThat(emulator.introspect(late.accessToken().reveal())).isPresent();
  }

  @Test
  void givenBodyStillDrippingAtTheCompletionTimeout_whenRefreshedAsynchronously_thenOAuthTimeoutNamingTheLimit() {
    emulator.faults().next(Endpoint.TOKEN, Fault.slowDrip(8, Duration.ofMillis(200)));

    assertThatThrownBy(() -> client(Duration.ofMillis(100), Duration.ofMillis(400))
        .refreshAsync(app, rt, List.of(), Emulated.USER).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(OAuthTimeoutException.class)
        .hasMessageContaining("within 400 ms");
  }

  @Test
  void givenPlainHttpEndpointOffLoopback_whenRefreshedAsynchronously_thenFailedBeforeSending() {
    App remote = App.builder().provider(OAuthProvider.google().toBuilder()
        .tokenEndpoint(java.net.URI.create("http://oauth.example.com/token")).build())
        .clientId(CLIENT_ID).clientSecret(Secret.of(CLIENT_SECRET)).build();

    assertThat(client(Duration.ofSeconds(1), Duration.ofSeconds(2)).refreshAsync(remote, rt, List.of(), null))
        .isCompletedExceptionally();
  }

  @Test
  void givenCompletionTimeoutShorterThanRequestTimeout_whenBuilding_thenBothOptionsNamed() {
    OAuthClientBuilder b = OAuthClient.builder().requestTimeout(Duration.ofSeconds(30))
        .completionTimeout(Duration.ofSeconds(10));

    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("completionTimeout").hasMessageContaining("requestTimeout");
  }

  @Test
  void givenOnlyALongRequestTimeout_whenBuilt_thenTheCompletionTimeoutIsNotShorter() {
    OAuthClient c = OAuthClient.builder().requestTimeout(Duration.ofMinutes(5)).build();

    assertThat(c.requestTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.completionTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(OAuthClient.builder().build().completionTimeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void givenCompletionTimeoutSetTwice_whenBuilding_thenRefused() {
    OAuthClientBuilder b = OAuthClient.builder().completionTimeout(Duration.ofMinutes(1));

    assertThatThrownBy(() -> b.completionTimeout(Duration.ofMinutes(2))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already set");
  }
}
