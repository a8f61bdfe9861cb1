package dev.mailtoken.testkit;

import static dev.mailtoken.testkit.Emulators.GMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GoogleAuthorizationCodeTest {
  private final TestClock clock = TestClock.at(Emulators.START);
  private final ProviderEmulator emulator =
      Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).clock(clock));
  private final Http http = new Http();

  @AfterEach
  void close() {
    emulator.close();
  }

  @Test
  void givenConsent_whenAuthorizing_thenRedirectCarriesUrlEncodedCodeStateAndGrantedScope() {
    HttpResponse<String> response = Emulators.authorize(http, emulator, "scope", GMAIL + " email");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(Http.rawLocation(response)).startsWith(Emulators.REDIRECT + "?code=4%2F0A");
    Map<String, String> params = Http.redirectParams(response);
    assertThat(params.get("state")).isEqualTo("st-1");
    assertThat(params.get("scope")).isEqualTo(GMAIL + " " + Scopes.GOOGLE_EMAIL);
  }

  @Test
  void givenCodeRedeemed_whenExchangedAgain_thenCodeWasAlreadyRedeemed() {
    String code = Emulators.code(http, emulator, "scope", GMAIL);
    assertThat(Emulators.exchange(http, emulator, code).statusCode()).isEqualTo(200);

    HttpResponse<String> second = Emulators.exchange(http, emulator, code);

    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(Http.json(second).get("error").asText()).isEqualTo("invalid_grant");
    assertThat(Http.json(second).get("error_description").asText()).isEqualTo("Code was already redeemed.");
  }

  @Test
  void givenDoubleEncodedCode_whenExchanged_thenMalformedAuthCode() {
    String code = Emulators.code(http, emulator, "scope", GMAIL);

    HttpResponse<String> response = Emulators.exchange(http, emulator, code.replace("/", "%2F"));

    assertThat(Http.json(response).get("error_description").asText()).isEqualTo("Malformed auth code.");
  }

  @Test
  void givenCodeOlderThanTenMinutes_whenExchanged_thenInvalidGrant() {
    String code = Emulators.code(http, emulator, "scope", GMAIL);
    clock.advance(Duration.ofMinutes(10));

    HttpResponse<String> response = Emulators.exchange(http, emulator, code);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void givenS256Challenge_whenVerifierMissing_thenMissingCodeVerifier() {
    String code = Emulators.code(http, emulator, "scope", GMAIL, "code_challenge",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256");

    HttpResponse<String> response = Emulators.exchange(http, emulator, code);

    assertThat(Http.json(response).get("error_description").asText()).isEqualTo("Missing code verifier.");
  }

  @Test
  void givenS256Challenge_whenVerifierWrong_thenInvalidCodeVerifier() {
    String code = Emulators.code(http, emulator, "scope", GMAIL, "code_challenge",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256");

    HttpResponse<String> response = Emulators.exchange(http, emulator, code,
        "code_verifier", "x".repeat(43));

    assertThat(Http.json(response).get("error_description").asText()).isEqualTo("Invalid code verifier.");
  }

  @Test
  void givenS256Challenge_whenVerifierRight_thenTokens() {
    // RFC 7636 appendix B example pair.
    String code = Emulators.code(http, emulator, "scope", GMAIL, "code_challenge",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256");

    HttpResponse<String> response = Emulators.exchange(http, emulator, code,
        "code_verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(Http.json(response).get("access_token").asText()).startsWith("ya29.");
    assertThat(Http.json(response).get("expires_in").isNumber()).isTrue();
  }

  @Test
  void givenUnregisteredRedirect_whenAuthorizing_thenErrorPageWithoutRedirect() {
    HttpResponse<String> response = http.get(URI.create(emulator.authorizationEndpoint() + "?"
        + Http.form("client_id", Emulators.CLIENT, "redirect_uri", "https://evil.example/cb",
            "response_type", "code", "scope", GMAIL)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.body()).contains("redirect_uri_mismatch");
  }

  @Test
  void givenUnknownClient_whenAuthorizing_thenErrorPageWithoutRedirect() {
    HttpResponse<String> response = http.get(URI.create(emulator.authorizationEndpoint() + "?"
        + Http.form("client_id", "nobody", "redirect_uri", Emulators.REDIRECT, "response_type", "code")));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void givenApprovalPromptAndPrompt_whenAuthorizing_thenInvalidRequest() {
    HttpResponse<String> response = Emulators.authorize(http, emulator, "scope", GMAIL,
        "approval_prompt", "force", "prompt", "consent");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("invalid_request").contains("Conflict params");
  }

  @Test
  void givenUserDenies_whenAuthorizing_thenAccessDeniedWithState() {
    emulator.consent(ConsentDecision.deny());

    Map<String, String> params = Http.redirectParams(Emulators.authorize(http, emulator, "scope", GMAIL));

    assertThat(params).containsEntry("error", "access_denied").containsEntry("state", "st-1");
  }

  @Test
  void givenGranularConsent_whenAuthorizing_thenOnlyTickedScopesGranted() {
    emulator.consent(ConsentDecision.grant(List.of("email")));

    Map<String, String> params = Http.redirectParams(Emulators.authorize(http, emulator, "scope", GMAIL + " email"));

    assertThat(params.get("scope")).isEqualTo(Scopes.GOOGLE_EMAIL);
  }

  @Test
  void givenDesktopClient_whenRedirectOnAnyLoopbackPort_thenAcceptedAndRefreshTokenIssued() {
    emulator.registerClient(ClientRegistration.desktop("desktop", "not-secret").build());
    HttpResponse<String> response = http.get(URI.create(emulator.authorizationEndpoint() + "?"
        + Http.form("client_id", "desktop", "redirect_uri", "http://127.0.0.1:53124/", "response_type", "code",
            "scope", GMAIL)));
    String code = Http.redirectParams(response).get("code");

    HttpResponse<String> tokens = http.post(emulator.tokenEndpoint(), "grant_type", "authorization_code",
        "code", code, "redirect_uri", "http://127.0.0.1:53124/", "client_id", "desktop",
        "client_secret", "not-secret");

    assertThat(Http.json(tokens).get("refresh_token").asText()).startsWith("1//0");
  }

  @Test
  void givenLoginHint_whenTokensIssued_thenIntrospectionNamesThatUser() {
    String code = Emulators.code(http, emulator, "scope", GMAIL, "login_hint", "alice@example.com");

    String accessToken = Http.json(Emulators.exchange(http, emulator, code)).get("access_token").asText();

    TokenInfo info = emulator.introspect(accessToken).orElseThrow();
    assertThat(info.user()).isEqualTo("alice@example.com");
    assertThat(info.clientId()).isEqualTo(Emulators.CLIENT);
    assertThat(info.scopes()).containsExactly(GMAIL);
    assertThat(info.expiresAt()).isEqualTo(Emulators.START.plusSeconds(3599));
  }
}
