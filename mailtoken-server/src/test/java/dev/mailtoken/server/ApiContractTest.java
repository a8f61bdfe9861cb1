package dev.mailtoken.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.webhook.WebhookEventType;
import dev.mailtoken.server.webhook.WebhookReceiver;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    calls.add(page("GET", "/login", "/login?next=/admin", null));
    calls.add(page("POST", "/login", "/login", "secret=wrong&csrf=00&next=%2Fadmin"));
    calls.add(page("GET", "/admin", "/admin", null));
    calls.addAll(adminPages());
    calls.add(page("POST", "/logout", "/logout", "csrf=00"));
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
    calls.addAll(connect());
    calls.add(post("/v1/apps", "/v1/apps", admin, "{\"name\":\"other\",\"provider\":\"CUSTOM\",\"clientId\":\"c\","
        + "\"clientSecret\":\"s3cr3t-value\",\"tokenEndpoint\":\"http://127.0.0.1:1/token\",\"scopes\":[\"x\"]}"));
    calls.add(post("/v1/apps", "/v1/apps", admin, "{\"name\":\"bad name\",\"provider\":\"CUSTOM\",\"clientId\":\"c\"}"));
    calls.add(get("/v1/apps", "/v1/apps", admin));
    calls.add(get("/v1/apps/{name}", "/v1/apps/other", admin));
    calls.add(patch("/v1/apps/{name}", "/v1/apps/other", "{\"smtpHost\":\"smtp.example.net\",\"smtpPort\":465,"
        + "\"clientSecret\":\"n3w-s3cr3t-value\",\"revocationEndpoint\":null}"));
    calls.add(patch("/v1/apps/{name}", "/v1/apps/other", "{\"tokenEndpoint\":null}"));
    calls.add(patch("/v1/apps/{name}", "/v1/apps/nobody", "{}"));
    calls.add(call("DELETE", "/v1/apps/{name}", "/v1/apps/other", admin));
    calls.add(call("DELETE", "/v1/apps/{name}", "/v1/apps/other", admin));
    walkWebhooksAndMetrics(calls);
    calls.add(call("DELETE", "/v1/api-tokens/{id}", "/v1/api-tokens/" + crmId, admin));
    calls.add(call("DELETE", "/v1/accounts/{id}", a, admin));
    assertThat(calls.stream().map(c -> c.response().body())).noneMatch(b -> b.contains("s3cr3t-value"));
    return calls;
  }

  /** The connect-link API and the pages of its browser flow, as far as no provider is needed. */
  private List<Call> connect() {
    List<Call> calls = new ArrayList<>();
    Call created = post("/v1/connect-links", "/v1/connect-links", admin, "{\"ttl\":\"PT30M\"}");
    calls.add(created);
    calls.add(post("/v1/connect-links", "/v1/connect-links", admin, "{\"ttl\":\"P30D\"}"));
    String url = fieldOf(created, "url");
    String secret = url.substring(url.indexOf("mtc_"));
    logs.forbid(secret);
    String id = JSONtree(created).get("connectLink").get("id").asText();
    calls.add(get("/v1/connect-links/{id}", "/v1/connect-links/" + id, admin));
    calls.add(get("/v1/connect-links/{id}", "/v1/connect-links/0000", admin));
    Call opened = get("/connect", "/connect?token=" + secret, null);
    calls.add(opened);
    calls.add(get("/connect", "/connect?token=mtc_forged", null));
    String cookie = opened.response().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    logs.forbid(cookie.substring(cookie.indexOf('=') + 1));
    Call page = new Call("GET", "/connect/{id}", http.send(http.request("/connect/" + id, null)
        .header("Cookie", cookie).GET().build()));
    calls.add(page);
    calls.add(get("/connect/{id}", "/connect/" + id, null));
    String formToken = page.response().body().replaceAll("(?s).*name=\"form_token\" value=\"([^\"]+)\".*", "$1");
    for (String form : List.of("form_token=" + formToken + "&app=" + ServerFixture.APP, "app=" + ServerFixture.APP)) {
      calls.add(new Call("POST", "/connect/{id}/start", http.send(http.request("/connect/" + id + "/start", null)
          .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build())));
    }
    calls.add(get("/connect/callback", "/connect/callback?code=forged", null));
    return calls;
  }

  /** Webhooks (one delivered to a loopback receiver, so the log has an entry) and /metrics. */
  private void walkWebhooksAndMetrics(List<Call> calls) {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      Call hook = post("/v1/webhooks", "/v1/webhooks", admin, "{\"url\":\"" + receiver.url("/in")
          + "\",\"events\":[\"account.removed\"],\"description\":\"crm\"}");
      calls.add(hook);
      logs.forbid(fieldOf(hook, "secret"));
      String hooks = "/v1/webhooks/" + JSONtree(hook).get("webhook").get("id").asText();
      calls.add(post("/v1/webhooks", "/v1/webhooks", admin, "{\"url\":\"http://hooks.example.com/in\","
          + "\"events\":[\"account.removed\"]}"));
      calls.add(get("/v1/webhooks", "/v1/webhooks", admin));
      calls.add(get("/v1/webhooks/{id}", hooks, admin));
      calls.add(get("/v1/webhooks/{id}", "/v1/webhooks/unknown", admin));
      try {
        server.webhooks().publish(WebhookEventType.ACCOUNT_REMOVED, "nobody@example.com", Map.of());
      } catch (MailtokenException e) {
        throw new AssertionError(e);
      }
      await().until(() -> !receiver.received().isEmpty());
      calls.add(get("/v1/webhooks/{id}/deliveries", hooks + "/deliveries", admin));
      calls.add(get("/v1/webhooks/{id}/deliveries", hooks + "/deliveries?limit=0", admin));
      calls.add(get("/metrics", "/metrics", admin));
      calls.add(get("/metrics", "/metrics", null));
      calls.add(call("DELETE", "/v1/webhooks/{id}", hooks, admin));
      calls.add(call("DELETE", "/v1/webhooks/{id}", hooks, admin));
    }
  }

  /**
   * The admin UI's pages and forms: each without a session (to the login page), and the pages
   * logged in, with one form sent without its CSRF token.
   */
  private List<Call> adminPages() {
    String alice = "/admin/accounts/" + ALICE;
    String app = "/admin/apps/" + ServerFixture.APP;
    List<Call> calls = new ArrayList<>();
    calls.add(page("GET", "/admin/accounts/{id}", alice, null));
    for (String action : List.of("reconnect", "revoke", "remove")) {
      calls.add(page("POST", "/admin/accounts/{id}/" + action, alice + "/" + action, "csrf=00"));
    }
    calls.add(page("GET", "/admin/apps", "/admin/apps", null));
    calls.add(page("POST", "/admin/apps", "/admin/apps", "csrf=00&name=x"));
    calls.add(page("GET", "/admin/apps/{name}", app, null));
    calls.add(page("POST", "/admin/apps/{name}", app, "csrf=00"));
    calls.add(page("POST", "/admin/apps/{name}/remove", app + "/remove", "csrf=00"));
    calls.add(page("GET", "/admin/api-tokens", "/admin/api-tokens", null));
    calls.add(page("POST", "/admin/api-tokens", "/admin/api-tokens", "csrf=00&name=x"));
    calls.add(page("POST", "/admin/api-tokens/{id}/revoke", "/admin/api-tokens/x/revoke", "csrf=00"));
    calls.add(page("GET", "/admin/webhooks", "/admin/webhooks", null));
    calls.add(page("POST", "/admin/webhooks", "/admin/webhooks", "csrf=00&url=x"));
    calls.add(page("GET", "/admin/webhooks/{id}", "/admin/webhooks/x", null));
    calls.add(page("POST", "/admin/webhooks/{id}/delete", "/admin/webhooks/x/delete", "csrf=00"));
    AdminBrowser browser = new AdminBrowser(server.url());
    browser.logIn(admin);
    browser.cookieValues().forEach(logs::forbid);
    for (String path : List.of("/admin/apps", "/admin/api-tokens", "/admin/webhooks")) {
      calls.add(new Call("GET", path, browser.get(path)));
    }
    calls.add(new Call("GET", "/admin/accounts/{id}", browser.get(alice)));
    calls.add(new Call("GET", "/admin/accounts/{id}", browser.get("/admin/accounts/nobody@example.com")));
    calls.add(new Call("GET", "/admin/apps/{name}", browser.get(app)));
    calls.add(new Call("GET", "/admin/webhooks/{id}", browser.get("/admin/webhooks/unknown")));
    calls.add(new Call("POST", "/admin/api-tokens", browser.post("/admin/api-tokens", Map.of("name", "x"))));
    return calls;
  }

  private Call get(String template, String path, String bearer) {
    return new Call("GET", template, http.get(path, bearer));
  }

  private Call post(String template, String path, String bearer, String body) {
    return new Call("POST", template, http.postJson(path, bearer, body));
  }

  /** A browser's request for a page (Accept: text/html), a form when {@code form} is given. */
  private Call page(String method, String template, String path, String form) {
    HttpRequest.Builder b = http.request(path, null).header("Accept", "text/html");
    if (form != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    HttpRequest r = b.method(method, form == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(form)).build();
    return new Call(method, template, http.send(r));
  }

  private Call patch(String template, String path, String body) {
    HttpRequest r = http.request(path, admin).header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build();
    return new Call("PATCH", template, http.send(r));
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
