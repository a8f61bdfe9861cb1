package dev.mailtoken.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README example, kept compiling and passing (examples' ReadmeSnippetsTest keeps it identical). */
class ReadmeExampleTest {
  @Test
  void givenReadmeExample_whenRun_thenItWorksAsDocumented() throws Exception {
    // snippet: mailtoken-testkit/README.md
    TestClock clock = TestClock.at(Instant.parse("2031-05-17T09:13:27.123Z"));
    try (ProviderEmulator emulator = ProviderEmulator.builder()
        .mode(EmulatorMode.GOOGLE)
        .clock(clock)
        .build()
        .start()) {
      emulator.registerClient(ClientRegistration.confidential("my-app", "my-secret")
          .redirectUri("http://127.0.0.1:8765/callback").build());
      String refreshToken = emulator.issueRefreshToken("my-app", "alice@example.com",
          List.of("https://mail.google.com/"));

      // Point the code under test at emulator.tokenEndpoint(); here, a bare refresh:
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(emulator.tokenEndpoint())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                  + URLEncoder.encode(refreshToken, UTF_8) + "&client_id=my-app&client_secret=my-secret"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      // 200 {"access_token":"ya29.a0…","expires_in":3599,"scope":"https://mail.google.com/","token_type":"Bearer"}
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);

      emulator.faults().next(Endpoint.TOKEN, Fault.status(503, "{\"error\":\"server_error\"}"));
      clock.advance(Duration.ofHours(1));   // access tokens issued above are now expired
      String accessToken = Http.json(response).get("access_token").asText();   // (test helper: Jackson readTree)
      assertThat(emulator.introspect(accessToken)).isEmpty();
    }
    // end snippet
  }
}
