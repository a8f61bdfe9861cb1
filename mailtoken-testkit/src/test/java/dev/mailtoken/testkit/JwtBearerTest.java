package dev.mailtoken.testkit;

import static dev.mailtoken.testkit.Emulators.GMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwtBearerTest {
  private static final String SA = "robot@project.iam.gserviceaccount.com";
  private static final String AUD = "https://oauth2.googleapis.com/token";
  private final TestClock clock = TestClock.at(Emulators.START);
  private final ProviderEmulator emulator =
      Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).clock(clock));
  private final ServiceAccountKeyFile key = emulator.createServiceAccount(SA, List.of(GMAIL));
  private final Http http = new Http();
  private final long now = Emulators.START.getEpochSecond();

  @AfterEach
  void close() {
    emulator.close();
  }

  private HttpResponse<String> grant(String assertion) {
    return http.post(emulator.tokenEndpoint(), "grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer",
        "assertion", assertion);
  }

  private ObjectNode claims(String aud, long iat, long exp, String scope) {
    ObjectNode claims = Http.JSON.createObjectNode().put("iss", SA).put("aud", aud).put("iat", iat).put("exp", exp);
    return scope == null ? claims : claims.put("scope", scope);
  }

  private String sign(ObjectNode claims, PrivateKey privateKey) throws Exception {
    String header = b64(Http.JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", key.keyId())
        .toString());
    String input = header + "." + b64(claims.toString());
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(privateKey);
    signature.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private String description(HttpResponse<String> response) {
    return Http.json(response).get("error_description").asText();
  }

  @Test
  void givenValidAssertion_whenGranted_thenAccessTokenWithoutRefreshToken() throws Exception {
    HttpResponse<String> response = grant(sign(claims(AUD, now, now + 3600, GMAIL), key.privateKey()));

    JsonNode body = Http.json(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.has("refresh_token")).isFalse();
    assertThat(emulator.introspect(body.get("access_token").asText()).orElseThrow().user()).isEqualTo(SA);
  }

  @Test
  void givenOtherKey_whenGranted_thenInvalidJwtSignature() throws Exception {
    ServiceAccountKeyFile other = emulator.createServiceAccount("other@p.iam.gserviceaccount.com", List.of());

    HttpResponse<String> response = grant(sign(claims(AUD, now, now + 3600, GMAIL), other.privateKey()));

    assertThat(description(response)).isEqualTo("Invalid JWT Signature.");
  }

  @Test
  void givenAudienceIsTokenUri_whenGranted_thenFailedAudienceCheck() throws Exception {
    HttpResponse<String> response = grant(sign(claims(emulator.tokenEndpoint().toString(), now, now + 3600, GMAIL),
        key.privateKey()));

    assertThat(description(response)).isEqualTo("Invalid JWT: Failed audience check.");
  }

  @Test
  void givenLifetime3601_whenGranted_thenShortLivedTokenError() throws Exception {
    HttpResponse<String> response = grant(sign(claims(AUD, now, now + 3601, GMAIL), key.privateKey()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(description(response)).startsWith("Invalid JWT: Token must be a short-lived token");
  }

  @Test
  void givenIatTenMinutesAhead_whenGranted_thenShortLivedTokenError() throws Exception {
    HttpResponse<String> response = grant(sign(claims(AUD, now + 600, now + 1200, GMAIL), key.privateKey()));

    assertThat(description(response)).startsWith("Invalid JWT: Token must be a short-lived token");
  }

  @Test
  void givenNoScope_whenGranted_thenInvalidScope() throws Exception {
    HttpResponse<String> response = grant(sign(claims(AUD, now, now + 3600, null), key.privateKey()));

    assertThat(Http.json(response).get("error").asText()).isEqualTo("invalid_scope");
    assertThat(description(response)).isEqualTo("Empty or missing scope not allowed.");
  }

  @Test
  void givenSubjectAndScopeNotDelegated_whenGranted_thenUnauthorizedClient401() throws Exception {
    ObjectNode claims = claims(AUD, now, now + 3600, GMAIL + " https://www.googleapis.com/auth/drive")
        .put("sub", "user@example.com");

    HttpResponse<String> response = grant(sign(claims, key.privateKey()));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).get("error").asText()).isEqualTo("unauthorized_client");
  }

  @Test
  void givenSubjectAndDelegatedScope_whenGranted_thenTokenActsForSubject() throws Exception {
    HttpResponse<String> response = grant(sign(claims(AUD, now, now + 3600, GMAIL).put("sub", "user@example.com"),
        key.privateKey()));

    String token = Http.json(response).get("access_token").asText();
    assertThat(emulator.introspect(token).orElseThrow().user()).isEqualTo("user@example.com");
  }

  @Test
  void givenGeneratedKey_whenReadingKeyFile_thenGoogleFieldsAndBothPemForms() throws Exception {
    JsonNode file = Http.JSON.readTree(key.json());

    assertThat(file.get("type").asText()).isEqualTo("service_account");
    assertThat(file.get("client_email").asText()).isEqualTo(SA);
    assertThat(file.get("private_key_id").asText()).isEqualTo(key.keyId());
    assertThat(file.get("token_uri").asText()).isEqualTo(emulator.tokenEndpoint().toString());
    assertThat(file.get("private_key").asText()).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Http.JSON.readTree(key.jsonWithPkcs1Key()).get("private_key").asText())
        .startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
    assertThat(key.toString()).doesNotContain(key.pkcs8Pem().substring(40, 80));
    assertThat(emulator.issuedSecrets()).contains(key.pkcs8Pem(), key.pkcs1Pem());
  }
}
