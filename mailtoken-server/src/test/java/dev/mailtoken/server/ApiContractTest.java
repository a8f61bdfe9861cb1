package dev.mailtoken.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written OpenAPI document at /v1/openapi.json is the contract: every route is
 * documented, every documented route exists, and every answer of a walk through the whole API
 * (successes and problems) has a documented status and validates against its schema.
 */
class ApiContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICE = "alice@example.com";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ServerFixture fixture;
  MailtokenServer server;
  Http http;
  String admin;
  JsonNode doc;

  private record Call(String method, String template, HttpResponse<String> response) { }

  @BeforeEach
  void start() throws Exception {
    fixture = new ServerFixture(dir);
    logs.forbidAll(fixture.emulator()::issuedSecrets);
    fixture.addAccount(fixture.store(), ALICE, Duration.ofMinutes(30));
    server = fixture.start();
    http = new Http(server.url());
    admin = server.firstAdminToken().orElseThrow().value().reveal();
    doc = JSON.readTree(http.get("/v1/openapi.json", null).body());
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void givenTheRunningServer_whenItsRoutesAreComparedWithTheDocument_thenEachIsInTheOther() {
    Set<String> documented = new TreeSet<>();
    for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      doc.get("paths").get(path).fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " "
          + path));
    }
    assertThat(new TreeSet<>(server.routes())).isEqualTo(documented);
  }

  @Test
  void givenAWalkThroughTheWholeApi_whenEachAnswerIsChecked_thenItsStatusIsDocumentedAndItsBodyValidates() {
    List<Call> calls = walk();
    List<String> failures = new ArrayList<>();
    for (Call c : calls) {
      JsonNode responses = doc.get("paths").get(c.template()).get(c.method().toLowerCase(Locale.ROOT)).get("responses");
      String status = Integer.toString(c.response().statusCode());
      JsonNode documented = responses.get(status);
      if (documented == null) {
        failures.add(c.method() + " " + c.template() + " answered undocumented " + status + ": " + c.response().body());
        continue;
      }
      if (documented.has("$ref")) {
        documented = doc.at(documented.get("$ref").asText().substring(1));
      }
      if (!documented.has("content")) {
        continue;
      }
      String type = documented.get("content").fieldNames().next();
      assertThat(c.response().headers().firstValue("Content-Type").orElse("")).as(c.method() + " " + c.template())
          .startsWith(type);
      if (type.endsWith("json")) {
        List<Error> errors = schema(documented.get("content").get(type).get("schema"))
            .validate(c.response().body(), InputFormat.JSON);
        if (!errors.isEmpty()) {
          failures.add(c.method() + " " + c.template() + " " + status + ": " + errors);
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(calls.stream().map(c -> c.method() + " " + c.template()).distinct().count())
        .isEqualTo(server.routes().size());
  }

  private Schema schema(JsonNode schema) {
    String components = doc.get("components").get("schemas").toString();
    String text = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$defs\":" + components
        + ",\"allOf\":[" + schema + "]}";
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(text.replace("#/components/schemas/", "#/$defs/"), InputFormat.JSON);
  }

  private List<Call> walk() {
    List<Call> calls = new ArrayList<>();
    String a = "/v1/accounts/" + ALICE;
    calls.add(get("/", "/", null));
    calls.add(get("/health/live", "/health/live", null));
    calls.add(get("/health/ready", "/health/ready", null));
    calls.add(get("/problems/{slug}", "/problems/not-found", null));
    calls.add(get("/problems/{slug}", "/problems/nonsense", null));
    calls.add(get("/v1/openapi.json", "/v1/openapi.json", null));
    Call created = post("/v1/api-tokens", "/v1/api-tokens", admin, "{\"name\":\"crm\",\"scopes\":[\"token\"]}");
    calls.add(created);
    String crm = fieldOf(created, "token");
    logs.forbid(crm, admin);
    String crmId = JSONtree(created).get("apiToken").get("id").asText();
    calls.add(post("/v1/api-tokens", "/v1/api-tokens", admin, "{\"name\":\"\",\"scopes\":[]}"));
    calls.add(get("/v1/api-tokens", "/v1/api-tokens", admin));
    calls.add(get("/v1/api-tokens", "/v1/api-tokens", null));
    calls.add(get("/v1/api-tokens/{id}", "/v1/api-tokens/" + crmId, admin));
    calls.add(get("/v1/api-tokens/{id}", "/v1/api-tokens/unknown", admin));
    calls.add(get("/v1/accounts", "/v1/accounts", admin));
    calls.add(get("/v1/accounts/{id}", a, admin));
    calls.add(get("/v1/accounts/{id}", "/v1/accounts/nobody@example.com", admin));
    calls.add(get("/v1/accounts/{id}/token", a + "/token", crm));
    calls.add(get("/v1/accounts/{id}/token", a + "/token?minValidity=x", crm));
    calls.add(post("/v1/accounts/{id}/token/renew", a + "/token/renew", crm, "{\"rejectedToken\":\"seeded-" + ALICE
        + "\"}"));
    calls.add(post("/v1/accounts/{id}/token/renew", a + "/token/renew", crm, "{"));
    calls.add(get("/v1/accounts/{id}/events", a + "/events", admin));
    calls.add(get("/v1/audit", "/v1/audit", admin));
    calls.add(post("/v1/apps", "/v1/apps", admin, "{\"name\":\"other\",\"provider\":\"CUSTOM\",\"clientId\":\"c\","
        + "\"clientSecret\":\"s3cr3t-value\",\"tokenEndpoint\":\"http://127.0.0.1:1/token\",\"scopes\":[\"x\"]}"));
    calls.add(post("/v1/apps", "/v1/apps", admin, "{\"name\":\"bad name\",\"provider\":\"CUSTOM\",\"clientId\":\"c\"}"));
    calls.add(get("/v1/apps", "/v1/apps", admin));
    calls.add(get("/v1/apps/{name}", "/v1/apps/other", admin));
    calls.add(call("DELETE", "/v1/apps/{name}", "/v1/apps/other", admin));
    calls.add(call("DELETE", "/v1/apps/{name}", "/v1/apps/other", admin));
    calls.add(call("DELETE", "/v1/api-tokens/{id}", "/v1/api-tokens/" + crmId, admin));
    calls.add(call("DELETE", "/v1/accounts/{id}", a, admin));
    assertThat(calls.get(calls.size() - 1).response().body()).doesNotContain("s3cr3t-value");
    return calls;
  }

  private Call get(String template, String path, String bearer) {
    return new Call("GET", template, http.get(path, bearer));
  }

  private Call post(String template, String path, String bearer, String body) {
    return new Call("POST", template, http.postJson(path, bearer, body));
  }

  private Call call(String method, String template, String path, String bearer) {
    HttpRequest r = http.request(path, bearer).method(method, HttpRequest.BodyPublishers.noBody()).build();
    return new Call(method, template, http.send(r));
  }

  private static JsonNode JSONtree(Call c) {
    return Http.json(c.response());
  }

  private static String fieldOf(Call c, String field) {
    return Http.json(c.response()).get(field).asText();
  }
}
