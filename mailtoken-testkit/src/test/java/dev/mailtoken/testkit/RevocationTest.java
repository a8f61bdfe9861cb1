package dev.mailtoken.testkit;

import static dev.mailtoken.testkit.Emulators.GMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevocationTest {
  private final Http http = new Http();

  @Test
  void givenGoogleLiveAccessToken_whenRevoked_thenOkAndItsRefreshTokenDiesToo() {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE))) {
      String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of(GMAIL));
      String at = Http.json(Emulators.refresh(http, emulator, rt)).get("access_token").asText();

      HttpResponse<String> response = http.post(emulator.revocationEndpoint(), "token", at);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Http.json(Emulators.refresh(http, emulator, rt)).get("error").asText()).isEqualTo("invalid_grant");
    }
  }

  @Test
  void givenGoogleAlreadyRevokedToken_whenRevokedAgain_thenInvalidToken400() {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE))) {
      String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of(GMAIL));
      http.post(emulator.revocationEndpoint(), "token", rt);

      HttpResponse<String> again = http.post(emulator.revocationEndpoint(), "token", rt);

      assertThat(again.statusCode()).isEqualTo(400);
      assertThat(Http.json(again).get("error").asText()).isEqualTo("invalid_token");
      assertThat(Http.json(again).get("error_description").asText()).isEqualTo("Token expired or revoked");
    }
  }

  @Test
  void givenGenericMode_whenUnknownTokenRevoked_thenOk() {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GENERIC))) {
      assertThat(http.post(emulator.revocationEndpoint(), "token", "never-issued").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void givenMicrosoftMode_whenRevoking_thenNotFound() {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT))) {
      assertThat(http.post(emulator.revocationEndpoint(), "token", "x").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void givenUserRevokedAllAccess_whenRefreshing_thenInvalidGrant() {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE))) {
      String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of(GMAIL));

      emulator.revokeUser("u@example.com");

      assertThat(Emulators.refresh(http, emulator, rt).statusCode()).isEqualTo(400);
    }
  }
}
