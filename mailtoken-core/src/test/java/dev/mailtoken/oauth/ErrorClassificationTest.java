package dev.mailtoken.oauth;

import static dev.mailtoken.oauth.Emulated.CLIENT_ID;
import static dev.mailtoken.oauth.Emulated.GOOGLE_MAIL;
import static dev.mailtoken.oauth.Emulated.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.OAuthError;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.TransientException;
import dev.mailtoken.internal.http.HttpReply;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each token-endpoint failure ends in its typed error, within the timeout, without secrets. */
class ErrorClassificationTest {
  private static final Duration TIMEOUT = Duration.ofMillis(700);

  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Emulated.START);
  private ProviderEmulator emulator;
  private OAuthClient client;
  private App app;
  private Secret rt;

  @BeforeEach
  void start() {
    emulator = Emulated.start(EmulatorMode.GOOGLE, clock);
    client = OAuthClient.builder().clock(clock).requestTimeout(TIMEOUT).build();
    app = Emulated.app(emulator);
    rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, USER, List.of(GOOGLE_MAIL)));
    logs.forbidAll(emulator::issuedSecrets).forbid(Emulated.CLIENT_SECRET);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private MailtokenException refreshFailure(Fault fault) {
    emulator.faults().next(Endpoint.TOKEN, fault);
    try {
      client.refresh(app, rt, List.of(), USER);
    } catch (MailtokenException e) {
      for (String secret : emulator.issuedSecrets()) {
        assertThat(e.getMessage()).doesNotContain(secret);
      }
      return e;
    }
    throw new AssertionError("the refresh succeeded despite " + fault);
  }

  @Test
  void givenInvalidGrantIn400_whenRefreshing_thenReauthorizationRequired() {
    MailtokenException e = refreshFailure(Fault.oauthError(400, "invalid_grant", "Token has been expired or revoked."));

    assertThat(e).isInstanceOf(ReauthorizationRequiredException.class);
    assertThat(e.oauthError().orElseThrow()).extracting(OAuthError::httpStatus, OAuthError::description)
        .containsExactly(400, "Token has been expired or revoked.");
  }

  @Test
  void givenInvalidGrantWithAnyDescription_whenRefreshing_thenClassifiedByErrorCodeOnly() {
    MailtokenException e = refreshFailure(Fault.oauthError(400, "invalid_grant", "temporarily unavailable, retry"));

    assertThat(e).isInstanceOf(ReauthorizationRequiredException.class);
  }

  @Test
  void givenInvalidClientIn401_whenRefreshing_thenConfigurationErrorParsedFromThe401Body() {
    MailtokenException e = refreshFailure(Fault.oauthError(401, "invalid_client", "The OAuth client was not found."));

    assertThat(e).isInstanceOf(ConfigurationException.class);
    assertThat(e.oauthError().orElseThrow().httpStatus()).isEqualTo(401);
    assertThat(e.getMessage()).contains("client id or client secret");
  }

  @Test
  void givenUnauthorizedClientOrInvalidScope_whenRefreshing_thenConfigurationError() {
    assertThat(refreshFailure(Fault.oauthError(401, "unauthorized_client", "Unauthorized")))
        .isInstanceOf(ConfigurationException.class);
    assertThat(refreshFailure(Fault.oauthError(400, "invalid_scope", "bad scope")))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void givenTemporarilyUnavailableIn400_whenRefreshing_thenTransient() {
    MailtokenException e = refreshFailure(Fault.oauthError(400, "temporarily_unavailable", "busy"));

    assertThat(e).isInstanceOf(TransientException.class);
    assertThat(e.isTransient()).isTrue();
  }

  @Test
  void given429WithRetryAfterSeconds_whenRefreshing_thenTransientCarryingTheWait() {
    MailtokenException e = refreshFailure(Fault.tooManyRequests(Duration.ofSeconds(37)));

    assertThat(e).isInstanceOfSatisfying(TransientException.class,
        t -> assertThat(t.retryAfter()).contains(Duration.ofSeconds(37)));
  }

  @Test
  void given429WithRetryAfterDate_whenRefreshing_thenWaitIsMeasuredFromTheClientClock() {
    MailtokenException e = refreshFailure(Fault.tooManyRequests(Emulated.START.plusSeconds(120)));

    assertThat(e).isInstanceOfSatisfying(TransientException.class,
        t -> assertThat(t.retryAfter()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isBetween(119L, 120L)));
  }

  @Test
  void given503_whenRefreshing_thenTransient() {
    assertThat(refreshFailure(Fault.status(503, "{\"error\":\"server_error\"}")))
        .isInstanceOf(TransientException.class);
  }

  @Test
  void givenHtml502_whenRefreshing_thenTransientWithTheInvalidResponseAsCause() {
    MailtokenException e = refreshFailure(Fault.html(502));

    assertThat(e).isInstanceOf(TransientException.class);
    assertThat(e.getCause()).isInstanceOfSatisfying(InvalidResponseException.class,
        i -> assertThat(i.httpStatus()).isEqualTo(502));
  }

  @Test
  void givenHtml200_whenRefreshing_thenInvalidResponseWithStatusAndExcerpt() {
    MailtokenException e = refreshFailure(Fault.html(200));

    assertThat(e).isInstanceOfSatisfying(InvalidResponseException.class, i -> {
      assertThat(i.httpStatus()).isEqualTo(200);
      assertThat(i.excerpt()).isNotEmpty();
      assertThat(i.isTransient()).isFalse();
    });
  }

  @Test
  void givenTruncatedJson_whenRefreshing_thenTransientInvalidResponseWithoutTheTokenPrefix() {
    MailtokenException e = refreshFailure(Fault.truncatedJson());

    assertThat(e).isInstanceOfSatisfying(InvalidResponseException.class, i -> assertThat(i.isTransient()).isTrue());
  }

  @Test
  void givenConnectionReset_whenRefreshing_thenTransient() {
    assertThat(refreshFailure(Fault.connectionReset())).isInstanceOf(TransientException.class);
  }

  @Test
  void givenSlowServer_whenRefreshing_thenTimeoutWithinTheRequestTimeout() {
    long start = System.nanoTime();

    MailtokenException e = refreshFailure(Fault.delay(Duration.ofSeconds(5)));

    assertThat(e).isInstanceOf(OAuthTimeoutException.class).isInstanceOf(TransientException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(1));
  }

  @Test
  void givenSlowDripBody_whenRefreshing_thenTimeoutWithinTheRequestTimeout() {
    long start = System.nanoTime();

    MailtokenException e = refreshFailure(Fault.slowDrip(8, Duration.ofMillis(200)));

    assertThat(e).isInstanceOf(OAuthTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(1));
  }

  @Test
  void givenAnErrorDescriptionEchoingTheRefreshTokenAndClientSecret_whenRefreshFails_thenNeitherReachesTheException() {
    String echo = "Bad refresh token " + rt.reveal() + " for client secret " + Emulated.CLIENT_SECRET;

    MailtokenException e = refreshFailure(Fault.oauthError(400, "invalid_grant", echo));

    assertThat(e).isInstanceOf(ReauthorizationRequiredException.class);
    assertThat(e.getMessage()).contains("Bad refresh token <redacted> for client secret <redacted>")
        .doesNotContain(rt.reveal()).doesNotContain(Emulated.CLIENT_SECRET);
    assertThat(e.oauthError()).get().extracting(OAuthError::description).asString()
        .doesNotContain(rt.reveal()).doesNotContain(Emulated.CLIENT_SECRET);
  }

  @Test
  void givenAnHtmlErrorPageEchoingTheRefreshToken_whenRefreshFails_thenTheExcerptDoesNotHoldIt() {
    MailtokenException e = refreshFailure(Fault.status(502, "<html>upstream said: token=" + rt.reveal() + "</html>"));

    assertThat(e).isInstanceOf(TransientException.class);
    assertThat(String.valueOf(e.getCause())).doesNotContain(rt.reveal());
  }

  @Test
  void givenInvalidGrantOnJwtBearerAndCodeExchange_whenClassified_thenGrantDecides() {
    FailureClassifier c = new FailureClassifier(clock);
    HttpReply reply = new HttpReply(400, java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true),
        "{\"error\":\"invalid_grant\",\"error_description\":\"x\"}");
    Target t = new Target("google", emulator.tokenEndpoint(), USER);

    assertThat(c.classify(GrantType.JWT_BEARER, t, reply)).isInstanceOf(ReauthorizationRequiredException.class);
    assertThat(c.classify(GrantType.AUTHORIZATION_CODE, t, reply)).isInstanceOf(AuthorizationCodeRejectedException.class);
    assertThat(c.classify(GrantType.CLIENT_CREDENTIALS, t, reply)).isInstanceOf(ConfigurationException.class);
  }

  @Test
  void givenMicrosoftSuberror_whenClassified_thenSubtypeIsKept() {
    HttpReply reply = new HttpReply(400, java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true),
        "{\"error\":\"invalid_grant\",\"suberror\":\"bad_token\",\"error_codes\":[700082]}");

    assertThat(FailureClassifier.oauthError(reply)).get().extracting(OAuthError::subtype).isEqualTo("bad_token");
  }

  @Test
  void givenConsentRequiredSuberror_whenRefreshing_thenReauthorizationRequiredSayingTheScopesWereNeverConsented() {
    HttpReply reply = new HttpReply(400, java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true),
        "{\"error\":\"invalid_grant\",\"suberror\":\"consent_required\",\"error_codes\":[65001]}");

    MailtokenException e = new FailureClassifier(clock).classify(GrantType.REFRESH_TOKEN,
        new Target("microsoft", emulator.tokenEndpoint(), USER), reply);

    assertThat(e).isInstanceOf(ReauthorizationRequiredException.class)
        .hasMessageContaining("has not consented to the scopes asked for")
        .hasMessageNotContaining("no longer valid");
  }
}
