package dev.mailtoken.testkit;

import static dev.mailtoken.testkit.Emulators.GMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The knobs that shape a successful token response: how expires_in is written, how long tokens are. */
class TokenResponseShapeTest {
  private final Http http = new Http();

  private JsonNode refreshed(ProviderEmulatorBuilder builder) {
    try (ProviderEmulator emulator = Emulators.started(builder)) {
      String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of(GMAIL));
      return Http.json(Emulators.refresh(http, emulator, rt));
    }
  }

  @Test
  void givenExpiresInOmitted_whenRefreshing_thenTheResponseHasNoExpiresIn() {
    JsonNode body = refreshed(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).expiresIn(ExpiresInStyle.OMITTED));

    assertThat(body.has("expires_in")).isFalse();
    assertThat(body.get("access_token").asText()).startsWith("ya29.");
  }

  @Test
  void givenExpiresInNotANumberOrNegative_whenRefreshing_thenWrittenSo() {
    assertThat(refreshed(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE)
        .expiresIn(ExpiresInStyle.NOT_A_NUMBER)).get("expires_in").asText()).isEqualTo("soon");
    assertThat(refreshed(ProviderEmulator.builder().mode(EmulatorMode.GENERIC)
        .expiresIn(ExpiresInStyle.NEGATIVE)).get("expires_in").asLong()).isEqualTo(-1);
  }

  @Test
  void givenAccessTokenLength_whenRefreshing_thenTheTokenIsThatLongAndStillAccepted() {
    try (ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT)
        .accessTokenLength(1301).accessTokenTtl(Duration.ofHours(1)))) {
      String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of(GMAIL));

      String token = Http.json(Emulators.refresh(http, emulator, rt)).get("access_token").asText();

      assertThat(token).hasSize(1301).startsWith("EwBIA8l6BAAU").matches("[A-Za-z0-9_-]+");
      assertThat(emulator.introspect(token)).isPresent();
    }
  }

  @Test
  void givenExpiresInSetTwice_whenBuilding_thenRefusedWithTheOptionName() {
    ProviderEmulatorBuilder b = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).expiresInAsString(true);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.expiresIn(ExpiresInStyle.OMITTED))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("expiresIn");
  }
}
