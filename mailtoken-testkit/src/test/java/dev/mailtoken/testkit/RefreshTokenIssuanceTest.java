package dev.mailtoken.testkit;

import static dev.mailtoken.testkit.Emulators.GMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RefreshTokenIssuanceTest {
  private final Http http = new Http();

  @Test
  void givenGoogleFirstConsentOffline_whenExchanged_thenRefreshTokenIssued() {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE))) {
      String code = Emulators.code(http, emulator, "scope", GMAIL, "access_type", "offline");

      assertThat(Http.json(Emulators.exchange(http, emulator, code)).has("refresh_token")).isTrue();
    }
  }

  @Test
  void givenGoogleOnlineAccess_whenExchanged_thenNoRefreshToken() {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE))) {
      String code = Emulators.code(http, emulator, "scope", GMAIL);

      assertThat(Http.json(Emulators.exchange(http, emulator, code)).has("refresh_token")).isFalse();
    }
  }

  @Test
  void givenGoogleAlreadyConsented_whenReauthorizedWithoutPromptConsent_thenNoRefreshToken() {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE))) {
      Emulators.exchange(http, emulator, Emulators.code(http, emulator, "scope", GMAIL, "access_type", "offline"));

      String again = Emulators.code(http, emulator, "scope", GMAIL, "access_type", "offline");

      assertThat(Http.json(Emulators.exchange(http, emulator, again)).has("refresh_token")).isFalse();
    }
  }

  @Test
  void givenGoogleAlreadyConsented_whenReauthorizedWithPromptConsent_thenNewRefreshTokenAndOldStillWorks() {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE))) {
      String first = Http.json(Emulators.exchange(http, emulator,
          Emulators.code(http, emulator, "scope", GMAIL, "access_type", "offline"))).get("refresh_token").asText();

      JsonNode second = Http.json(Emulators.exchange(http, emulator,
          Emulators.code(http, emulator, "scope", GMAIL, "access_type", "offline", "prompt", "consent")));

      assertThat(second.get("refresh_token").asText()).isNotEqualTo(first);
      assertThat(Emulators.refresh(http, emulator, first).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void givenMicrosoftWithoutOfflineAccess_whenExchanged_thenNoRefreshToken() {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT))) {
      String code = Emulators.code(http, emulator, "scope", "https://outlook.office.com/SMTP.Send");

      assertThat(Http.json(Emulators.exchange(http, emulator, code)).has("refresh_token")).isFalse();
    }
  }

  @Test
  void givenMicrosoftWithOfflineAccess_whenExchanged_thenRefreshTokenAndTtlInRandomRange() {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT))) {
      String code = Emulators.code(http, emulator, "scope", "https://outlook.office.com/SMTP.Send offline_access");

      JsonNode tokens = Http.json(Emulators.exchange(http, emulator, code));

      assertThat(tokens.has("refresh_token")).isTrue();
      assertThat(tokens.get("expires_in").asLong()).isBetween(3599L, 5400L);
    }
  }
}
