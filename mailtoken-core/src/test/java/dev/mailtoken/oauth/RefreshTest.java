package dev.mailtoken.oauth;

import static dev.mailtoken.oauth.Emulated.CLIENT_ID;
import static dev.mailtoken.oauth.Emulated.GOOGLE_MAIL;
import static dev.mailtoken.oauth.Emulated.MS_SMTP;
import static dev.mailtoken.oauth.Emulated.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.OAuthError;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RefreshTest {
  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Emulated.START);
  private ProviderEmulator emulator;

  private ProviderEmulator start(ProviderEmulator e) {
    emulator = e;
    logs.forbidAll(e::issuedSecrets).forbid(Emulated.CLIENT_SECRET);
    return e;
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void givenGoogle_whenRefreshing_thenNewAccessTokenAndNoRefreshToken() throws Exception {
    start(Emulated.start(EmulatorMode.GOOGLE, clock));
    Secret rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, USER, List.of(GOOGLE_MAIL)));

    TokenResponse r = Emulated.client(clock).refresh(Emulated.app(emulator), rt, List.of());

    assertThat(r.refreshToken()).isEmpty();
    assertThat(r.rotatedFrom(rt)).isFalse();
    assertThat(r.scopes()).contains(GOOGLE_MAIL);
    assertThat(emulator.introspect(r.accessToken().reveal())).get().extracting(i -> i.user()).isEqualTo(USER);
  }

  @Test
  void givenMicrosoft_whenRefreshing_thenRefreshTokenIsRotated() throws Exception {
    start(Emulated.start(EmulatorMode.MICROSOFT, clock));
    Secret rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, USER, List.of(MS_SMTP, "offline_access")));

    TokenResponse r = Emulated.client(clock).refresh(Emulated.app(emulator), rt, List.of(MS_SMTP, "offline_access"));

    assertThat(r.refreshToken()).isPresent();
    assertThat(r.rotatedFrom(rt)).isTrue();
  }

  @Test
  void givenExpiresInAsString_whenRefreshing_thenExpiryIsStillKnown() throws Exception {
    start(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).clock(clock).expiresInAsString(true)
        .accessTokenTtl(Duration.ofSeconds(3599)).build().start());
    emulator.registerClient(dev.mailtoken.testkit.ClientRegistration.confidential(CLIENT_ID, Emulated.CLIENT_SECRET)
        .redirectUri(Emulated.REDIRECT.toString()).build());
    Secret rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, USER, List.of(GOOGLE_MAIL)));

    TokenResponse r = Emulated.client(clock).refresh(Emulated.app(emulator), rt, List.of());

    assertThat(r.expiresIn()).contains(Duration.ofSeconds(3599));
    assertThat(r.expiresAt()).contains(Emulated.START.plusSeconds(3599));
  }

  @Test
  void givenScopes_whenRefreshing_thenScopeParameterIsSent() throws Exception {
    start(Emulated.start(EmulatorMode.GOOGLE, clock));
    Secret rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, USER, List.of(GOOGLE_MAIL)));

    Emulated.client(clock).refresh(Emulated.app(emulator), rt, List.of(GOOGLE_MAIL));

    assertThat(emulator.requests(Endpoint.TOKEN).get(0).formParams()).containsEntry("scope", GOOGLE_MAIL)
        .containsEntry("grant_type", "refresh_token").containsEntry("client_id", CLIENT_ID);
  }

  @Test
  void givenRevokedGrant_whenRefreshing_thenReauthorizationRequiredNamingAccount() throws Exception {
    start(Emulated.start(EmulatorMode.GOOGLE, clock));
    Secret rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, USER, List.of(GOOGLE_MAIL)));
    emulator.revokeUser(USER);

    assertThatThrownBy(() -> Emulated.client(clock).refresh(Emulated.app(emulator), rt, List.of(), USER))
        .isInstanceOfSatisfying(ReauthorizationRequiredException.class, e -> {
          assertThat(e.oauthError()).get().extracting(OAuthError::error).isEqualTo("invalid_grant");
          assertThat(e.account()).contains(USER);
          assertThat(e.isTransient()).isFalse();
          assertThat(e.getMessage()).contains(USER).contains("consent flow").doesNotContain(rt.reveal());
        });
  }

  @Test
  void givenMicrosoftScopesOfTwoResources_whenRefreshing_thenRefusedLocallyWithoutARequest() {
    start(Emulated.start(EmulatorMode.MICROSOFT, clock));

    assertThatThrownBy(() -> Emulated.client(clock).refresh(Emulated.app(emulator), Secret.of("rt-value-x"),
        List.of(MS_SMTP, "https://graph.microsoft.com/Mail.Send")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("one resource per request");
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isZero();
  }

  @Test
  void givenWrongClientSecret_whenRefreshing_thenConfigurationErrorFrom401() throws Exception {
    start(Emulated.start(EmulatorMode.GOOGLE, clock));
    Secret rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, USER, List.of(GOOGLE_MAIL)));
    App wrong = App.builder().provider(Emulated.provider(emulator)).clientId(CLIENT_ID)
        .clientSecret(Secret.of("not-the-secret")).build();

    assertThatThrownBy(() -> Emulated.client(clock).refresh(wrong, rt, List.of()))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.oauthError()).get().extracting(OAuthError::error).isEqualTo("invalid_client");
          assertThat(e.oauthError().orElseThrow().httpStatus()).isEqualTo(401);
          assertThat(e.getMessage()).doesNotContain("not-the-secret");
        });
  }
}
