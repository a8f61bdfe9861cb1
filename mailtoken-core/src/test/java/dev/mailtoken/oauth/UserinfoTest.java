package dev.mailtoken.oauth;

import static dev.mailtoken.oauth.Emulated.CLIENT_ID;
import static dev.mailtoken.oauth.Emulated.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.Secret;
import dev.mailtoken.TransientException;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.RecordedRequest;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.ConnectionTrap;
import dev.mailtoken.testsupport.LogCapture;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link OAuthClient#userinfoEmail}: who an access token belongs to, under the same HTTP policy as token requests. */
class UserinfoTest {
  /** Short and plain enough that no pattern-based redaction would notice it. */
  private static final String SHORT_TOKEN = "Short-Tok3n.xyz~12";

  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Emulated.START);
  private ProviderEmulator emulator;
  private Secret token;

  @BeforeEach
  void start() {
    emulator = Emulated.start(EmulatorMode.GENERIC, clock);
    token = Secret.of(emulator.issueAccessToken(CLIENT_ID, USER, List.of("openid", "email")));
    logs.forbidAll(emulator::issuedSecrets).forbid(SHORT_TOKEN);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private OAuthProvider provider(URI userinfo) {
    return OAuthProvider.builder().name("generic").tokenEndpoint(emulator.tokenEndpoint()).userinfoEndpoint(userinfo)
        .build();
  }

  @Test
  void givenAUserinfoEndpoint_whenAsked_thenTheEmailOfTheTokensUserAndTheTokenWentAsBearer() throws Exception {
    assertThat(Emulated.client(clock).userinfoEmail(provider(emulator.userinfoEndpoint()), token)).contains(USER);

    List<RecordedRequest> sent = emulator.requests(Endpoint.USERINFO);
    assertThat(sent).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("GET");
      assertThat(r.header("authorization")).contains("Bearer " + token.reveal());
    });
  }

  @Test
  void givenNoUserinfoEndpoint_whenAsked_thenEmptyAndNothingSent() throws Exception {
    OAuthProvider none = OAuthProvider.builder().name("generic").tokenEndpoint(emulator.tokenEndpoint()).build();

    assertThat(Emulated.client(clock).userinfoEmail(none, token)).isEmpty();
    assertThat(emulator.requestCount(Endpoint.USERINFO)).isZero();
  }

  @Test
  void givenPlainHttpUserinfoOnAHostName_whenAsked_thenRefusedBeforeAnyConnectionOrLookup() {
    try (ConnectionTrap trap = ConnectionTrap.start()) {
      OAuthClient client = OAuthClient.builder().clock(clock).httpClient(trap.client()).build();

      assertThatThrownBy(() -> client.userinfoEmail(provider(URI.create("http://mail.example.test/userinfo")), token))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("userinfo")
          .hasMessageContaining("http://mail.example.test/userinfo")
          .hasMessageContaining("https");
      assertThat(trap.connections()).isZero();
    }
  }

  @Test
  void givenAnAnswerLargerThanTheCap_whenAsked_thenInvalidResponseNotAnEmail() {
    OAuthClient small = OAuthClient.builder().clock(clock).maxResponseBytes(1024).build();
    emulator.faults().next(Endpoint.USERINFO, Fault.status(200,
        "{\"email\":\"mallory@example.com\",\"padding\":\"" + "x".repeat(4096) + "\"}"));

    assertThatThrownBy(() -> small.userinfoEmail(provider(emulator.userinfoEndpoint()), token))
        .isInstanceOf(InvalidResponseException.class)
        .hasMessageContaining("1024 bytes");
  }

  @Test
  void givenTheEndpointRejectsTheToken_whenAsked_thenEmpty() throws Exception {
    emulator.revoke(token.reveal());

    assertThat(Emulated.client(clock).userinfoEmail(provider(emulator.userinfoEndpoint()), token)).isEmpty();
  }

  @Test
  void givenTheEndpointIsUnavailable_whenAsked_thenTransientWithRetryAfter() {
    emulator.faults().next(Endpoint.USERINFO, Fault.tooManyRequests(Duration.ofSeconds(42)));

    assertThatThrownBy(() -> Emulated.client(clock).userinfoEmail(provider(emulator.userinfoEndpoint()), token))
        .isInstanceOfSatisfying(TransientException.class,
            e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(42)));
  }

  @Test
  void givenANonJsonAnswerEchoingTheToken_whenAsked_thenInvalidResponseWithoutTheToken() {
    emulator.faults().next(Endpoint.USERINFO, Fault.status(200, "hello " + SHORT_TOKEN + ", who are you?"));

    assertThatThrownBy(() -> Emulated.client(clock).userinfoEmail(provider(emulator.userinfoEndpoint()),
        Secret.of(SHORT_TOKEN)))
        .isInstanceOfSatisfying(InvalidResponseException.class, e -> {
          assertThat(e.getMessage()).contains("not a JSON object").contains("<redacted>").doesNotContain(SHORT_TOKEN);
          assertThat(e.excerpt()).doesNotContain(SHORT_TOKEN);
        });
  }
}
