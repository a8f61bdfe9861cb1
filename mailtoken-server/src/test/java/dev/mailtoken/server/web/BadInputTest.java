package dev.mailtoken.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.server.ConfigKey;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerConfig;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input ends in a clear problem and writes nothing. */
class BadInputTest {
  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ServerFixture fixture;
  Http http;
  String admin;

  @BeforeEach
  void start() throws Exception {
    fixture = new ServerFixture(dir);
    MailtokenServer server = fixture.start(ServerConfig.builder().set(ConfigKey.MAX_BODY_SIZE, "2k").build());
    http = new Http(server.url());
    admin = server.firstAdminToken().orElseThrow().value().reveal();
    logs.forbid(admin);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private JsonNode problem(HttpResponse<String> r, int status, String type) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = Http.json(r);
    assertThat(p.get("type").asText()).isEqualTo("/problems/" + type);
    assertThat(tokenCount()).isEqualTo(1);
    return p;
  }

  private int tokenCount() {
    return Http.json(http.get("/v1/api-tokens", admin)).get("apiTokens").size();
  }

  @Test
  void givenMalformedJson_whenPosting_then400WithLineAndColumn() {
    JsonNode p = problem(http.postJson("/v1/api-tokens", admin, "{\"name\": \"x\", "), 400, "invalid-json");
    assertThat(p.get("detail").asText()).contains("line 1");
  }

  @Test
  void givenAnEmptyBody_whenPosting_then400() {
    problem(http.postJson("/v1/api-tokens", admin, ""), 400, "invalid-json");
  }

  @Test
  void givenAWrongType_whenPosting_then422NamingTheField() {
    JsonNode p = problem(http.postJson("/v1/api-tokens", admin, "{\"name\":\"x\",\"scopes\":\"admin\"}"), 422,
        "validation");
    assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("scopes");
  }

  @Test
  void givenAnUnknownScope_whenPosting_then422ListingTheScopes() {
    JsonNode p = problem(http.postJson("/v1/api-tokens", admin, "{\"name\":\"x\",\"scopes\":[\"root\"]}"), 422,
        "validation");
    assertThat(p.get("detail").asText()).contains("accounts:read");
  }

  @Test
  void givenAnUnknownField_whenPosting_then422NamingIt() {
    JsonNode p = problem(http.postJson("/v1/api-tokens", admin, "{\"name\":\"x\",\"scopes\":[\"admin\"],\"scope\":1}"),
        422, "validation");
    assertThat(p.get("detail").asText()).contains("\"scope\"");
  }

  @Test
  void givenAMissingRequiredField_whenPosting_then422() {
    JsonNode p = problem(http.postJson("/v1/api-tokens", admin, "{\"scopes\":[\"admin\"]}"), 422, "validation");
    assertThat(p.get("detail").asText()).contains("name is required");
  }

  @Test
  void givenAnExpiryInThePast_whenPosting_then422() {
    problem(http.postJson("/v1/api-tokens", admin,
        "{\"name\":\"x\",\"scopes\":[\"admin\"],\"expiresAt\":\"2020-01-01T00:00:00Z\"}"), 422, "validation");
  }

  @Test
  void givenAnOversizeBody_whenPosting_then413() {
    String big = "{\"name\":\"" + "x".repeat(4096) + "\",\"scopes\":[\"admin\"]}";
    problem(http.postJson("/v1/api-tokens", admin, big), 413, "too-large");
  }

  @Test
  void givenAFormBody_whenPostingToAJsonEndpoint_then415() {
    problem(http.post("/v1/api-tokens", admin, "application/x-www-form-urlencoded", "name=x"), 415,
        "unsupported-media-type");
  }

  @Test
  void givenAnUnknownPath_whenCalled_then404Problem() {
    problem(http.get("/v1/nothing-here", admin), 404, "not-found");
  }

  @Test
  void givenAProblemTypeUri_whenFollowed_thenItIsExplained() {
    HttpResponse<String> r = http.get("/problems/too-large", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("HTTP 413");
  }
}
