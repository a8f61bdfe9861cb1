package dev.mailtoken.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtoken.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountKeyTest {
  private static final String EMAIL = "mailer@project.iam.gserviceaccount.com";
  private static final Instant IAT = Instant.parse("2031-05-17T09:13:27Z");
  private static TestKeys keys;

  @BeforeAll
  static void generate() {
    keys = new TestKeys();
  }

  private static String keyFile(String pem, String tokenUri) {
    return keys.keyFileJson(EMAIL, "kid-123", pem, tokenUri);
  }

  private static JsonNode part(Secret jwt, int index) throws Exception {
    return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.reveal().split("\\.")[index]));
  }

  @Test
  void givenThePrivateKeyInTheTypeField_whenRead_thenTheMessageDoesNotShowIt() {
    // Found by ServiceAccountKeyFuzzTest: the refusal quoted the type field as it was.
    String pem = keys.pkcs8Pem();
    String json = "{\"type\":\"" + pem.replace("\n", "\\n") + "\",\"client_email\":\"" + EMAIL + "\"}";

    assertThatThrownBy(() -> ServiceAccountKey.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field \"type\"").hasMessageContaining("not shown")
        .hasMessageNotContaining(pem.split("\n")[2]);
  }

  @Test
  void givenGoogleKeyFile_whenRead_thenFieldsAreTakenFromIt() {
    ServiceAccountKey key = ServiceAccountKey.fromJson(keyFile(keys.pkcs8Pem(), "https://oauth2.googleapis.com/token"));

    assertThat(key.clientEmail()).isEqualTo(EMAIL);
    assertThat(key.privateKeyId()).contains("kid-123");
    assertThat(key.tokenUri()).hasToString("https://oauth2.googleapis.com/token");
  }

  @Test
  void givenKeyFileFromDisk_whenRead_thenSameAsFromText(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("key.json");
    Files.writeString(file, keyFile(keys.pkcs8Pem(), "https://oauth2.googleapis.com/token"));

    assertThat(ServiceAccountKey.fromJson(file).clientEmail()).isEqualTo(EMAIL);
  }

  @Test
  void givenPkcs1Key_whenRead_thenItSignsLikeThePkcs8Key() throws Exception {
    ServiceAccountKey pkcs1 = ServiceAccountKey.fromJson(keyFile(keys.pkcs1Pem(), "https://oauth2.googleapis.com/token"));
    ServiceAccountKey pkcs8 = ServiceAccountKey.fromPem(EMAIL, keys.pkcs8Pem(), "kid-123");

    List<String> scopes = List.of("https://mail.google.com/");
    assertThat(pkcs1.createAssertion(null, scopes, IAT, Duration.ofHours(1)))
        .isEqualTo(pkcs8.createAssertion(null, scopes, IAT, Duration.ofHours(1)));
  }

  @Test
  void givenAssertion_whenDecoded_thenHeaderAndClaimsFollowGoogleRules() throws Exception {
    ServiceAccountKey key = ServiceAccountKey.fromJson(keyFile(keys.pkcs8Pem(), "http://127.0.0.1:9999/token"));

    Secret jwt = key.createAssertion("alice@example.com", List.of("https://mail.google.com/"), IAT, Duration.ofHours(1));

    JsonNode header = part(jwt, 0);
    JsonNode claims = part(jwt, 1);
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("typ").asText()).isEqualTo("JWT");
    assertThat(header.path("kid").asText()).isEqualTo("kid-123");
    assertThat(claims.path("iss").asText()).isEqualTo(EMAIL);
    assertThat(claims.path("scope").asText()).isEqualTo("https://mail.google.com/");
    assertThat(claims.path("aud").asText()).isEqualTo("https://oauth2.googleapis.com/token");
    assertThat(claims.path("sub").asText()).isEqualTo("alice@example.com");
    assertThat(claims.path("iat").asLong()).isEqualTo(IAT.getEpochSecond());
    assertThat(claims.path("exp").asLong()).isEqualTo(IAT.getEpochSecond() + 3600);
  }

  @Test
  void givenAssertion_whenVerifiedWithThePublicKey_thenSignatureIsValid() throws Exception {
    ServiceAccountKey key = ServiceAccountKey.fromPem(EMAIL, keys.pkcs8Pem(), null);
    String[] jwt = key.createAssertion(null, List.of("s"), IAT, Duration.ofMinutes(5)).reveal().split("\\.");

    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(keys.pair.getPublic());
    rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));

    assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
  }

  @Test
  void givenNoSubject_whenCreatingAssertion_thenNoSubClaim() throws Exception {
    ServiceAccountKey key = ServiceAccountKey.fromPem(EMAIL, keys.pkcs8Pem(), null);

    JsonNode claims = part(key.createAssertion(null, List.of("s"), IAT, Duration.ofHours(1)), 1);

    assertThat(claims.has("sub")).isFalse();
    assertThat(part(key.createAssertion(null, List.of("s"), IAT, Duration.ofHours(1)), 0).has("kid")).isFalse();
  }

  @Test
  void givenLifetimeOverOneHour_whenCreatingAssertion_thenRefused() {
    ServiceAccountKey key = ServiceAccountKey.fromPem(EMAIL, keys.pkcs8Pem(), null);

    assertThatThrownBy(() -> key.createAssertion(null, List.of("s"), IAT, Duration.ofSeconds(3601)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 hour");
  }

  @Test
  void givenMissingClientEmail_whenRead_thenErrorNamesTheField() {
    String json = keyFile(keys.pkcs8Pem(), "https://oauth2.googleapis.com/token").replace("\"client_email\"", "\"x\"");

    assertThatThrownBy(() -> ServiceAccountKey.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client_email");
  }

  @Test
  void givenWrongType_whenRead_thenErrorNamesTheField() {
    String json = keyFile(keys.pkcs8Pem(), "https://x/token").replace("service_account", "authorized_user");

    assertThatThrownBy(() -> ServiceAccountKey.fromJson(json)).hasMessageContaining("\"type\"");
  }

  @Test
  void givenDamagedPrivateKey_whenRead_thenErrorNamesTheFieldButNotTheKey() {
    String pem = keys.pkcs8Pem();
    String damaged = pem.replace(pem.substring(100, 140), "!!!!");

    assertThatThrownBy(() -> ServiceAccountKey.fromJson(keyFile(damaged, "https://x/token")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private_key")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(pem.substring(40, 90)));
  }

  @Test
  void givenKeyWithLiteralBackslashN_whenRead_thenErrorExplainsLineBreaks() {
    String json = keyFile(keys.pkcs8Pem(), "https://x/token").replace("\\n", "\\\\n");

    assertThatThrownBy(() -> ServiceAccountKey.fromJson(json)).hasMessageContaining("private_key");
  }

  @Test
  void givenNotJson_whenRead_thenSaysSoWithoutEchoingTheText() {
    assertThatThrownBy(() -> ServiceAccountKey.fromJson("{ \"private_key\": \"MIIEsecret"))
        .hasMessageContaining("not valid JSON").satisfies(e -> assertThat(e.getMessage()).doesNotContain("MIIE"));
  }

  @Test
  void givenKey_whenPrinted_thenNoKeyMaterial() {
    ServiceAccountKey key = ServiceAccountKey.fromPem(EMAIL, keys.pkcs8Pem(), "kid-123");

    assertThat(key.toString()).contains(EMAIL).doesNotContain("PRIVATE").doesNotContain(keys.pkcs8Pem().substring(40, 80));
  }
}
