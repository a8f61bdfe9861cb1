package dev.mailtoken.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The identity claims of ID tokens and userinfo: {@code email}, the idTokenEmailClaim knob, Microsoft's UPN. */
class IdTokenClaimsTest {
  private static final String SMTP = "https://outlook.office.com/SMTP.Send";
  private static final String USER = "bob@contoso.com";
  private final Http http = new Http();
  private ProviderEmulator emulator;

  @AfterEach
  void close() {
    emulator.close();
  }

  @Test
  void givenMicrosoftAndProfileScope_whenCodeExchanged_thenIdTokenCarriesTheUpnAsPreferredUsername() {
    emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT));

    JsonNode claims = idTokenClaims(exchange("openid email profile offline_access " + SMTP));

    assertThat(claims.path("preferred_username").asText()).isEqualTo(USER);
    assertThat(claims.path("email").asText()).isEqualTo(USER);
  }

  @Test
  void givenMicrosoftWithoutProfileScope_whenCodeExchanged_thenIdTokenHasNoPreferredUsername() {
    emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT));

    JsonNode claims = idTokenClaims(exchange("openid email offline_access " + SMTP));

    assertThat(claims.has("preferred_username")).isFalse();
  }

  @Test
  void givenEmailClaimSwitchedOff_whenCodeExchanged_thenIdTokenHasNoEmail() {
    emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT).idTokenEmailClaim(false));

    JsonNode claims = idTokenClaims(exchange("openid email profile offline_access " + SMTP));

    assertThat(claims.has("email")).isFalse();
    assertThat(claims.has("email_verified")).isFalse();
    assertThat(claims.path("preferred_username").asText()).isEqualTo(USER);
  }

  @Test
  void givenEmailClaimSwitchedOff_whenUserinfoAsked_thenItHasNoEmail() {
    emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GENERIC).idTokenEmailClaim(false));
    String accessToken = exchange("openid email mail.send").get("access_token").asText();

    HttpResponse<String> reply = http.send(HttpRequest.newBuilder(emulator.userinfoEndpoint())
        .header("Authorization", "Bearer " + accessToken).GET().build());

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(Http.json(reply).has("sub")).isTrue();
    assertThat(Http.json(reply).has("email")).isFalse();
  }

  private JsonNode exchange(String scope) {
    String code = Emulators.code(http, emulator, "scope", scope, "login_hint", USER);
    return Http.json(Emulators.exchange(http, emulator, code));
  }

  private static JsonNode idTokenClaims(JsonNode tokenResponse) {
    String payload = tokenResponse.path("id_token").asText().split("\\.")[1];
    try {
      return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
