package dev.mailtoken.oauth;

import static dev.mailtoken.oauth.Emulated.GOOGLE_MAIL;
import static dev.mailtoken.oauth.Emulated.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.OAuthError;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.testkit.ConsentDecision;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.RecordedRequest;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CodeExchangeTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Emulated.START);
  private ProviderEmulator emulator;
  private OAuthClient client;
  private App app;

  @BeforeEach
  void start() {
    emulator = Emulated.start(EmulatorMode.GOOGLE, clock);
    client = Emulated.client(clock);
    app = Emulated.app(emulator);
    logs.forbidAll(emulator::issuedSecrets).forbid(Emulated.CLIENT_SECRET);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private AuthorizationCode authorize(AuthorizationRequestBuilder request) throws Exception {
    PendingAuthorization pending = request.build();
    return pending.validate(Emulated.consent(pending.uri()));
  }

  @Test
  void givenFirstConsent_whenExchangingCode_thenAccessAndRefreshTokensWithExpiry() throws Exception {
    AuthorizationCode code = authorize(PendingAuthorization.builder(app).loginHint(USER));

    TokenResponse tokens = client.exchangeCode(app, code);

    assertThat(tokens.refreshToken()).isPresent();
    assertThat(tokens.scopes()).contains(GOOGLE_MAIL);
    assertThat(tokens.tokenType()).isEqualToIgnoringCase("bearer");
    assertThat(tokens.expiresAt()).contains(Emulated.START.plus(tokens.expiresIn().orElseThrow()));
    assertThat(emulator.introspect(tokens.accessToken().reveal())).isPresent();
  }

  @Test
  void givenPkce_whenExchangingCode_thenTheVerifierIsSent() throws Exception {
    AuthorizationCode code = authorize(PendingAuthorization.builder(app));

    client.exchangeCode(app, code);

    RecordedRequest sent = emulator.requests(Endpoint.TOKEN).get(0);
    assertThat(sent.formParams()).containsEntry("code_verifier", code.codeVerifier().orElseThrow().reveal())
        .containsEntry("redirect_uri", Emulated.REDIRECT.toString()).containsEntry("grant_type", "authorization_code");
  }

  @Test
  void givenGoogleCodeWithSlash_whenExchanging_thenSentDecodedOnceAndAccepted() throws Exception {
    AuthorizationCode code = authorize(PendingAuthorization.builder(app));

    client.exchangeCode(app, code);

    assertThat(emulator.requests(Endpoint.TOKEN).get(0).formParams().get("code")).isEqualTo(code.code().reveal())
        .doesNotContain("%");
  }

  @Test
  void givenAppAlreadyAuthorizedAndNoForcedConsent_whenExchanging_thenMissingRefreshTokenExplainsReconsent()
      throws Exception {
    client.exchangeCode(app, authorize(PendingAuthorization.builder(app).loginHint(USER)));
    AuthorizationCode second = authorize(PendingAuthorization.builder(app).loginHint(USER)
        .extraParameter("prompt", "select_account"));

    assertThatThrownBy(() -> client.exchangeCode(app, second))
        .isInstanceOfSatisfying(MissingRefreshTokenException.class, e -> {
          assertThat(e.getMessage()).contains("prompt=consent").contains("myaccount.google.com/permissions")
              .contains(USER);
          assertThat(e.response().accessToken()).isNotNull();
        });
  }

  @Test
  void givenUserUntickedMailScope_whenExchanging_thenScopeNotGrantedNamesTheMissingScope() throws Exception {
    emulator.consent(ConsentDecision.grant(List.of("openid")));
    App withOpenid = App.builder().provider(app.provider()).clientId(Emulated.CLIENT_ID)
        .clientSecret(Secret.of(Emulated.CLIENT_SECRET)).redirectUri(Emulated.REDIRECT)
        .scopes("openid", GOOGLE_MAIL).build();
    AuthorizationCode code = authorize(PendingAuthorization.builder(withOpenid));

    assertThatThrownBy(() -> client.exchangeCode(withOpenid, code))
        .isInstanceOfSatisfying(ScopeNotGrantedException.class,
            e -> assertThat(e.missingScopes()).containsExactly(GOOGLE_MAIL));
    assertThat(code.grantedScopes().orElseThrow()).doesNotContain(GOOGLE_MAIL);
  }

  @Test
  void givenCodeAlreadyRedeemed_whenExchangedAgain_thenCodeRejectedNotReauthorization() throws Exception {
    AuthorizationCode code = authorize(PendingAuthorization.builder(app));
    client.exchangeCode(app, code);

    assertThatThrownBy(() -> client.exchangeCode(app, code))
        .isInstanceOf(AuthorizationCodeRejectedException.class)
        .isNotInstanceOf(ReauthorizationRequiredException.class)
        .satisfies(e -> assertThat(((MailtokenException) e).oauthError()).get()
            .extracting(OAuthError::error).isEqualTo("invalid_grant"))
        .hasMessageContaining("consent flow again");
  }

  @Test
  void givenExpiredCode_whenExchanging_thenCodeRejected() throws Exception {
    AuthorizationCode code = authorize(PendingAuthorization.builder(app));
    clock.advance(Duration.ofMinutes(11));

    assertThatThrownBy(() -> client.exchangeCode(app, code)).isInstanceOf(AuthorizationCodeRejectedException.class);
  }

  @Test
  void givenExchangeFailure_whenReported_thenMessageHoldsNoSecret() throws Exception {
    AuthorizationCode code = authorize(PendingAuthorization.builder(app));
    client.exchangeCode(app, code);

    assertThatThrownBy(() -> client.exchangeCode(app, code)).satisfies(e -> {
      for (String secret : emulator.issuedSecrets()) {
        assertThat(e.getMessage()).doesNotContain(secret);
      }
      assertThat(e.getMessage()).doesNotContain(code.codeVerifier().orElseThrow().reveal());
    });
  }
}
