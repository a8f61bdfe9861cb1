package dev.mailtoken.server.apitoken;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenApiTest {
  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ServerFixture fixture;
  MailtokenServer server;
  Http http;
  String admin;

  @BeforeEach
  void start() throws Exception {
    fixture = new ServerFixture(dir);
    server = fixture.start();
    http = new Http(server.url());
    admin = server.firstAdminToken().orElseThrow().value().reveal();
    logs.forbid(admin);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private String create(String body) {
    HttpResponse<String> r = http.postJson("/v1/api-tokens", admin, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String token = Http.json(r).get("token").asText();
    logs.forbid(token);
    return token;
  }

  private static JsonNode named(JsonNode list, String name) {
    for (JsonNode t : list.get("apiTokens")) {
      if (t.get("name").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no token named " + name + " in " + list);
  }

  @Test
  void givenAFreshDatabase_whenTheServerStartsTwice_thenOnlyTheFirstStartCreatesAnAdminToken() throws Exception {
    assertThat(admin).startsWith("mtk_");
    MailtokenServer second = fixture.start();
    assertThat(second.firstAdminToken()).isEmpty();
  }

  @Test
  void givenNoCredentials_whenCallingTheApi_then401WithABearerChallengeAndAProblem() {
    HttpResponse<String> r = http.get("/v1/api-tokens", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = Http.json(r);
    assertThat(p.get("type").asText()).isEqualTo("/problems/unauthorized");
    assertThat(p.get("status").asInt()).isEqualTo(401);
    assertThat(p.get("detail").asText()).contains("Authorization: Bearer");
  }

  @Test
  void givenAnUnknownToken_whenCallingTheApi_then401InvalidToken() {
    HttpResponse<String> r = http.get("/v1/api-tokens", "mtk_not-a-real-token-at-all-0123456789");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).contains("error=\"invalid_token\""));
  }

  @Test
  void givenATokenWithoutAdmin_whenListingTokens_then403NamingTheScope() {
    String reader = create("{\"name\":\"reader\",\"scopes\":[\"accounts:read\"]}");
    HttpResponse<String> r = http.get("/v1/api-tokens", reader);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(Http.json(r).get("detail").asText()).contains("admin");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).contains("insufficient_scope"));
  }

  @Test
  void givenACreatedToken_whenListing_thenItsFieldsShowButNeverItsValueOrHash() {
    String value = create("{\"name\":\"crm\",\"scopes\":[\"token\",\"accounts:read\"],"
        + "\"accounts\":[\"alice@example.com\"],\"expiresAt\":\"2032-01-01T00:00:00Z\"}");
    HttpResponse<String> r = http.get("/v1/api-tokens", admin);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(value).doesNotContain(ApiTokens.hash(value));
    JsonNode crm = named(Http.json(r), "crm");
    assertThat(crm.get("name").asText()).isEqualTo("crm");
    assertThat(crm.get("scopes").toString()).isEqualTo("[\"accounts:read\",\"token\"]");
    assertThat(crm.get("accounts").toString()).isEqualTo("[\"alice@example.com\"]");
    assertThat(crm.get("expiresAt").asText()).isEqualTo("2032-01-01T00:00:00Z");
  }

  @Test
  void givenARevokedToken_whenUsed_then401() {
    String value = create("{\"name\":\"tmp\",\"scopes\":[\"admin\"]}");
    String id = named(Http.json(http.get("/v1/api-tokens", value)), "tmp").get("id").asText();
    assertThat(http.delete("/v1/api-tokens/" + id, admin).statusCode()).isEqualTo(200);
    assertThat(http.get("/v1/api-tokens", value).statusCode()).isEqualTo(401);
  }

  @Test
  void givenAnExpiredToken_whenUsed_then401() {
    String value = create("{\"name\":\"short\",\"scopes\":[\"admin\"],\"expiresAt\":\"2031-05-17T10:00:00Z\"}");
    assertThat(http.get("/v1/api-tokens", value).statusCode()).isEqualTo(200);
    fixture.clock.advance(Duration.ofHours(1));
    assertThat(http.get("/v1/api-tokens", value).statusCode()).isEqualTo(401);
  }

  @Test
  void givenAnUnknownId_whenRevoking_then404Problem() {
    HttpResponse<String> r = http.delete("/v1/api-tokens/0000000000000000", admin);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(Http.json(r).get("type").asText()).isEqualTo("/problems/not-found");
  }

  @Test
  void givenATokenUse_whenListed_thenLastUsedAndTheAuditLogRecordIt() {
    String value = create("{\"name\":\"user\",\"scopes\":[\"admin\"]}");
    http.get("/v1/api-tokens", value);
    JsonNode listed = named(Http.json(http.get("/v1/api-tokens", admin)), "user");
    assertThat(listed.get("lastUsedAt").asText()).isEqualTo(ServerFixture.START.toString());
    String audit = http.get("/v1/audit?subject=" + listed.get("id").asText(), admin).body();
    assertThat(audit).contains("api_token.created").contains("api_token.used").doesNotContain(value);
  }
}
