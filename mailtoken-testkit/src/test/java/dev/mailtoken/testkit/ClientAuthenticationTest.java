package dev.mailtoken.testkit;

import static dev.mailtoken.testkit.Emulators.GMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientAuthenticationTest {
  private final ProviderEmulator emulator = Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE)
      .expiresInAsString(true));
  private final Http http = new Http();
  private final String rt = emulator.issueRefreshToken(Emulators.CLIENT, "u@example.com", Set.of(GMAIL));

  @AfterEach
  void close() {
    emulator.close();
  }

  @Test
  void givenBasicAuthWithFormEncodedSecret_whenRefreshing_thenAccepted() {
    HttpResponse<String> response = http.postBasic(emulator.tokenEndpoint(), Http.basic(Emulators.CLIENT,
        Emulators.SECRET), "grant_type", "refresh_token", "refresh_token", rt);

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void givenBasicAuthWithRawSecret_whenRefreshing_thenInvalidClient() {
    String raw = Base64.getEncoder().encodeToString((Emulators.CLIENT + ":" + Emulators.SECRET)
        .getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> response = http.postBasic(emulator.tokenEndpoint(), raw,
        "grant_type", "refresh_token", "refresh_token", rt);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void givenUnknownClient_whenRefreshing_thenInvalidClient401ClientNotFound() {
    HttpResponse<String> response = http.post(emulator.tokenEndpoint(), "grant_type", "refresh_token",
        "refresh_token", rt, "client_id", "nobody", "client_secret", "x");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).get("error_description").asText()).isEqualTo("The OAuth client was not found.");
  }

  @Test
  void givenExpiresInAsStringKnob_whenRefreshing_thenExpiresInIsJsonString() {
    HttpResponse<String> response = Emulators.refresh(http, emulator, rt);

    assertThat(Http.json(response).get("expires_in").isTextual()).isTrue();
    assertThat(Http.json(response).get("expires_in").asText()).isEqualTo("3599");
  }
}
