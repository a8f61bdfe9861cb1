package dev.mailtoken.testkit;

import static dev.mailtoken.testkit.Emulators.GMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RotationTest {
  private final TestClock clock = TestClock.at(Emulators.START);
  private final Http http = new Http();

  private ProviderEmulator emulator(EmulatorMode mode, RotationPolicy rotation) {
    return Emulators.started(ProviderEmulator.builder().mode(mode).rotation(rotation).clock(clock));
  }

  @Test
  void givenNoRotation_whenRefreshing_thenNoRefreshTokenInResponse() {
    try (ProviderEmulator emulator = emulator(EmulatorMode.GOOGLE, RotationPolicy.NONE)) {
      String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of(GMAIL));

      JsonNode body = Http.json(Emulators.refresh(http, emulator, rt));

      assertThat(body.has("refresh_token")).isFalse();
      assertThat(body.get("access_token").asText()).startsWith("ya29.");
    }
  }

  @Test
  void givenRotate_whenRefreshing_thenNewRefreshTokenAndOldStillValid() {
    try (ProviderEmulator emulator = emulator(EmulatorMode.GENERIC, RotationPolicy.ROTATE)) {
      String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of("mail"));

      String rotated = Http.json(Emulators.refresh(http, emulator, rt)).get("refresh_token").asText();

      assertThat(rotated).isNotEqualTo(rt);
      assertThat(Emulators.refresh(http, emulator, rt).statusCode()).isEqualTo(200);
      assertThat(Emulators.refresh(http, emulator, rotated).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void givenReuseDetection_whenRotatedTokenReused_thenWholeFamilyRevoked() {
    try (ProviderEmulator emulator = emulator(EmulatorMode.GENERIC, RotationPolicy.ROTATE_REUSE_DETECTION)) {
      String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of("mail"));
      JsonNode first = Http.json(Emulators.refresh(http, emulator, rt));
      String rotated = first.get("refresh_token").asText();

      HttpResponse<String> reuse = Emulators.refresh(http, emulator, rt);

      assertThat(reuse.statusCode()).isEqualTo(400);
      assertThat(Http.json(reuse).get("error").asText()).isEqualTo("invalid_grant");
      assertThat(Emulators.refresh(http, emulator, rotated).statusCode()).isEqualTo(400);
      assertThat(emulator.introspect(first.get("access_token").asText())).isEmpty();
    }
  }

  @Test
  void givenCapOf100_whenA101stGrantIsIssued_thenOnlyTheOldestStopsWorking() {
    try (ProviderEmulator emulator = emulator(EmulatorMode.GOOGLE, RotationPolicy.NONE)) {
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < 101; i++) {
        tokens.add(emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of(GMAIL)));
      }

      HttpResponse<String> oldest = Emulators.refresh(http, emulator, tokens.get(0));

      assertThat(Http.json(oldest).get("error_description").asText()).isEqualTo("Token has been expired or revoked.");
      assertThat(Emulators.refresh(http, emulator, tokens.get(1)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void givenTestingStatusAndGmailScope_whenSevenDaysPass_thenRefreshTokenDies() {
    try (ProviderEmulator emulator = Emulators.started(
        ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).testingStatus(true).clock(clock))) {
      String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of(GMAIL));
      clock.advance(Duration.ofDays(7).minusSeconds(1));
      assertThat(Emulators.refresh(http, emulator, rt).statusCode()).isEqualTo(200);

      clock.advance(Duration.ofSeconds(1));

      assertThat(Http.json(Emulators.refresh(http, emulator, rt)).get("error").asText()).isEqualTo("invalid_grant");
    }
  }

  @Test
  void givenTestingStatusAndOnlyBasicScopes_whenSevenDaysPass_thenRefreshTokenLives() {
    try (ProviderEmulator emulator = Emulators.started(
        ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).testingStatus(true).clock(clock))) {
      String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of("openid", "email", "profile"));

      clock.advance(Duration.ofDays(8));

      assertThat(Emulators.refresh(http, emulator, rt).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void givenIdleTtl_whenUnusedThatLong_thenRefreshTokenDiesWithMicrosoftCode() {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT)
        .clock(clock))) {
      String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com",
          Set.of("https://outlook.office.com/SMTP.Send", "offline_access"));
      clock.advance(Duration.ofDays(90));

      JsonNode error = Http.json(Emulators.refresh(http, emulator, rt));

      assertThat(error.get("error").asText()).isEqualTo("invalid_grant");
      assertThat(error.get("error_codes").get(0).asInt()).isEqualTo(700082);
    }
  }

  @Test
  void givenRefreshTokenOfAnotherClient_whenRefreshing_thenRejected() {
    try (ProviderEmulator emulator = emulator(EmulatorMode.GOOGLE, RotationPolicy.NONE)) {
      emulator.registerClient(ClientRegistration.confidential("other", "pw").build());
      String rt = emulator.issueRefreshToken("other", "u@example.com", Set.of(GMAIL));

      assertThat(Emulators.refresh(http, emulator, rt).statusCode()).isEqualTo(401);
    }
  }
}
