package dev.mailtoken.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.server.ConfigKey;
import dev.mailtoken.server.HandScheduler;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerConfig;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/webhooks} over real HTTP on a server on port 0, deliveries run by a hand-run scheduler. */
class WebhookApiTest {
  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ServerFixture fixture;
  HandScheduler scheduler;
  WebhookReceiver receiver = new WebhookReceiver();
  MailtokenServer server;
  Http http;
  String admin;

  private void start(ServerConfig config) throws Exception {
    fixture = new ServerFixture(dir);
    scheduler = new HandScheduler(fixture.clock);
    server = fixture.start(config, Optional.of(scheduler));
    http = new Http(server.url());
    admin = server.firstAdminToken().orElseThrow().value().reveal();
    logs.forbid(admin);
  }

  @AfterEach
  void stop() {
    receiver.close();
    if (fixture != null) {
      fixture.close();
    }
  }

  private JsonNode create(String body) {
    HttpResponse<String> r = http.postJson("/v1/webhooks", admin, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode created = Http.json(r);
    logs.forbid(created.get("secret").asText());
    return created;
  }

  private String hookBody(String url) {
    return "{\"url\":\"" + url + "\",\"events\":[\"account.removed\",\"token.rotated\"],\"description\":\"crm\"}";
  }

  @Test
  void givenAnAdmin_whenCreatingAWebhook_thenItsSecretIsShownOnceAndNeverListedNorStoredInTheClear() throws Exception {
    start(ServerConfig.defaults());
    HttpResponse<String> r = http.postJson("/v1/webhooks", admin, hookBody(receiver.url("/h").toString()));
    JsonNode created = Http.json(r);
    String secret = created.get("secret").asText();
    logs.forbid(secret);

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(secret).startsWith("whsec_").hasSize(6 + 44);
    assertThat(created.get("webhook").get("events").toString()).isEqualTo("[\"account.removed\",\"token.rotated\"]");
    String id = created.get("webhook").get("id").asText();
    assertThat(http.get("/v1/webhooks", admin).body()).contains(id).doesNotContain(secret);
    assertThat(http.get("/v1/webhooks/" + id, admin).body()).contains("\"description\":\"crm\"").doesNotContain(secret);
    for (Path file : List.of(dir.resolve("mailtoken.db"), dir.resolve("mailtoken.db-wal"))) {
      if (Files.exists(file)) {
        assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
            .doesNotContain(secret).doesNotContain(secret.substring(6));
      }
    }
    assertThat(http.get("/v1/audit?subject=" + id, admin).body()).contains("webhook.created").doesNotContain(secret);
  }

  @Test
  void givenATokenWithoutAdmin_whenListingWebhooks_then403NamingTheScope() throws Exception {
    start(ServerConfig.defaults());
    HttpResponse<String> t = http.postJson("/v1/api-tokens", admin, "{\"name\":\"m\",\"scopes\":[\"metrics\"]}");
    String metricsOnly = Http.json(t).get("token").asText();
    logs.forbid(metricsOnly);

    HttpResponse<String> r = http.get("/v1/webhooks", metricsOnly);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(Http.json(r).get("detail").asText()).contains("admin");
    assertThat(http.get("/v1/webhooks", null).statusCode()).isEqualTo(401);
  }

  @Test
  void givenPlainHttpToAnotherHost_whenCreating_then422NamingTheSettingAndNothingIsStored() throws Exception {
    start(ServerConfig.defaults());

    HttpResponse<String> r = http.postJson("/v1/webhooks", admin, hookBody("http://hooks.example.com/in"));

    assertThat(r.statusCode()).isEqualTo(422);
    JsonNode p = Http.json(r);
    assertThat(p.get("type").asText()).isEqualTo("/problems/validation");
    assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("url");
    assertThat(p.get("detail").asText()).contains("https").contains("webhooks.allow-plain-http");
    assertThat(Http.json(http.get("/v1/webhooks", admin)).get("webhooks")).isEmpty();
  }

  @Test
  void givenPlainHttpAllowedByTheSetting_whenCreatingAnHttpWebhookToAnotherHost_thenItIsAccepted() throws Exception {
    start(ServerConfig.builder().set(ConfigKey.WEBHOOKS_ALLOW_PLAIN_HTTP, "true").build());

    assertThat(create(hookBody("http://hooks.example.com/in")).get("webhook").get("url").asText())
        .isEqualTo("http://hooks.example.com/in");
  }

  @Test
  void givenBadInput_whenCreating_thenEachIsAProblemNamingTheField() throws Exception {
    start(ServerConfig.defaults());

    HttpResponse<String> noEvents = http.postJson("/v1/webhooks", admin, "{\"url\":\"https://h.example/x\",\"events\":[]}");
    HttpResponse<String> unknownEvent = http.postJson("/v1/webhooks", admin,
        "{\"url\":\"https://h.example/x\",\"events\":[\"message.sent\"]}");
    HttpResponse<String> credentials = http.postJson("/v1/webhooks", admin,
        "{\"url\":\"https://user:pw@h.example/x\",\"events\":[\"token.rotated\"]}");

    assertThat(noEvents.statusCode()).isEqualTo(422);
    assertThat(noEvents.body()).contains("account.connected");
    assertThat(unknownEvent.statusCode()).isEqualTo(422);
    assertThat(Http.json(unknownEvent).get("errors").get(0).get("field").asText()).isEqualTo("events[0]");
    assertThat(credentials.statusCode()).isEqualTo(422);
    assertThat(credentials.body()).contains("user name or password").doesNotContain("pw@");
  }

  @Test
  void givenADeliveredEvent_whenReadingTheDeliveryLog_thenItShowsTheAttemptAndNoPayloadOrSecret() throws Exception {
    start(ServerConfig.defaults());
    JsonNode created = create(hookBody(receiver.url("/h").toString()));
    String id = created.get("webhook").get("id").asText();
    receiver.answer(500);
    server.webhooks().publish(WebhookEventType.ACCOUNT_REMOVED, "alice@example.com", Map.of());
    scheduler.runDue();

    HttpResponse<String> r = http.get("/v1/webhooks/" + id + "/deliveries?limit=5", admin);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode d = Http.json(r).get("deliveries").get(0);
    assertThat(d.get("state").asText()).isEqualTo("pending");
    assertThat(d.get("eventType").asText()).isEqualTo("account.removed");
    assertThat(d.get("attempts").asInt()).isEqualTo(1);
    assertThat(d.get("lastStatus").asInt()).isEqualTo(500);
    assertThat(d.get("eventId").asText()).isEqualTo(receiver.received().get(0).header("webhook-id"));
    assertThat(d.has("nextAttemptAt")).isTrue();
    assertThat(r.body()).doesNotContain(created.get("secret").asText()).doesNotContain("payload");
  }

  @Test
  void givenAWebhook_whenDeleted_then204AndItAndItsLogAreGone() throws Exception {
    start(ServerConfig.defaults());
    String id = create(hookBody(receiver.url("/h").toString())).get("webhook").get("id").asText();

    assertThat(http.delete("/v1/webhooks/" + id, admin).statusCode()).isEqualTo(204);

    assertThat(http.get("/v1/webhooks/" + id, admin).statusCode()).isEqualTo(404);
    HttpResponse<String> log = http.get("/v1/webhooks/" + id + "/deliveries", admin);
    assertThat(log.statusCode()).isEqualTo(404);
    assertThat(Http.json(log).get("type").asText()).isEqualTo("/problems/not-found");
    assertThat(http.delete("/v1/webhooks/" + id, admin).statusCode()).isEqualTo(404);
    assertThat(server.webhooks().publish(WebhookEventType.ACCOUNT_REMOVED, "alice@example.com", Map.of())).isZero();
  }

  @Test
  void givenABadLimit_whenReadingTheDeliveryLog_then422NamingIt() throws Exception {
    start(ServerConfig.defaults());
    String id = create(hookBody(receiver.url("/h").toString())).get("webhook").get("id").asText();

    HttpResponse<String> r = http.get("/v1/webhooks/" + id + "/deliveries?limit=0", admin);

    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(Http.json(r).get("errors").get(0).get("field").asText()).isEqualTo("limit");
  }
}
