package dev.mailtoken.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.internal.http.Excerpts;
import dev.mailtoken.internal.http.HttpReply;
import dev.mailtoken.testkit.TestClock;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Token responses as real providers send them (T-G-05, T-E-04, T-E-05, T-G-06) and secret-free excerpts. */
class ResponseParsingTest {
  private final TestClock clock = TestClock.at(Emulated.START);
  private final TokenResponseReader reader = new TokenResponseReader(clock);
  private final Target target = new Target("generic", URI.create("https://as.example.com/token"), "alice@example.com");

  private TokenResponse read(String body, List<String> requested) throws Exception {
    return reader.read(GrantType.REFRESH_TOKEN, target,
        new HttpReply(200, HttpHeaders.of(Map.of(), (a, b) -> true), body), requested);
  }

  @Test
  void givenLowercaseBearerAndStringExpiry_whenRead_thenAccepted() throws Exception {
    TokenResponse r = read("{\"access_token\":\"at-1\",\"token_type\":\"bearer\",\"expires_in\":\"3599\"}", List.of());

    assertThat(r.expiresIn()).contains(Duration.ofSeconds(3599));
    assertThat(r.expiresAt()).contains(Emulated.START.plusSeconds(3599));
  }

  @Test
  void givenNoExpiresIn_whenRead_thenLifetimeIsUnknownNotInfinite() throws Exception {
    assertThat(read("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}", List.of()).expiresAt()).isEmpty();
  }

  @Test
  void givenNoScope_whenRead_thenRequestedScopesAreAssumed() throws Exception {
    assertThat(read("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}", List.of("a", "b")).scopes())
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void givenNarrowerScope_whenComparedWithWhatWasAsked_thenMissingScopesAreReported() throws Exception {
    TokenResponse r = read("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"scope\":\"openid email\"}",
        List.of("openid", "https://mail.google.com/"));

    assertThat(r.missingScopes(List.of("openid", "https://mail.google.com/"))).containsExactly("https://mail.google.com/");
  }

  @Test
  void givenNonBearerTokenType_whenRead_thenInvalidResponse() {
    assertThatThrownBy(() -> read("{\"access_token\":\"at-1\",\"token_type\":\"mac\"}", List.of()))
        .isInstanceOf(InvalidResponseException.class).hasMessageContaining("Bearer");
  }

  @Test
  void givenJsonWithoutAccessToken_whenRead_thenInvalidResponseWithStatus() {
    assertThatThrownBy(() -> read("{\"token_type\":\"Bearer\"}", List.of()))
        .isInstanceOfSatisfying(InvalidResponseException.class, e -> assertThat(e.httpStatus()).isEqualTo(200));
  }

  @Test
  void givenIdToken_whenRead_thenEmailClaimIsDecodedAndTokenNotPrinted() throws Exception {
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"email\":\"alice@example.com\",\"email_verified\":true,\"sub\":\"42\"}".getBytes(StandardCharsets.UTF_8));
    String idToken = "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln";

    TokenResponse r = read("{\"access_token\":\"at-secret-1\",\"token_type\":\"Bearer\",\"refresh_token\":\"rt-secret-1\","
        + "\"id_token\":\"" + idToken + "\"}", List.of());

    assertThat(r.idTokenClaims()).get().satisfies(c -> {
      assertThat(c.email()).contains("alice@example.com");
      assertThat(c.emailVerified()).isTrue();
    });
    assertThat(r.toString()).doesNotContain("at-secret-1").doesNotContain("rt-secret-1").doesNotContain(payload);
  }

  @Test
  void givenBodyWithTokens_whenExcerpted_thenTokenLikeValuesAreRedacted() {
    String excerpt = Excerpts.of("{\"access_token\":\"ya29.a0AfH6SMBx\",\"refresh_token\":\"1//0gAbc\","
        + "\"note\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig\",\"blob\":\"QWxhZGRpbjpvcGVuIHNlc2FtZTEyMzQ1Njc4OTA\"}");

    assertThat(excerpt).doesNotContain("ya29.a0AfH6SMBx").doesNotContain("1//0gAbc").doesNotContain("eyJzdWIiOiIxIn0")
        .doesNotContain("QWxhZGRpbjpvcGVuIHNlc2FtZTEyMzQ1Njc4OTA").contains("<redacted>");
  }

  @Test
  void givenLongHtmlPage_whenExcerpted_thenShortAndOnOneLine() {
    String excerpt = Excerpts.of("<html>\n<body>\n" + "<p>Bad gateway</p>\n".repeat(200) + "</body></html>");

    assertThat(excerpt.length()).isLessThanOrEqualTo(201);
    assertThat(excerpt).doesNotContain("\n").startsWith("<html> <body>");
  }
}
