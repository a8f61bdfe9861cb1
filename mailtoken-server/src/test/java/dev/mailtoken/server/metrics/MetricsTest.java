package dev.mailtoken.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.server.ConfigKey;
import dev.mailtoken.server.HandScheduler;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerConfig;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.server.webhook.WebhookEventType;
import dev.mailtoken.server.webhook.WebhookReceiver;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} over real HTTP: access, route templates, the token, hand-out and webhook meters, no secret. */
class MetricsTest {
  private static final String ALICE = "alice@example.com";
  private static final String BOB = "bob@example.com";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ServerFixture fixture;
  HandScheduler scheduler;
  MailtokenServer server;
  Http http;
  String admin;
  final List<String> secrets = new ArrayList<>();

  @BeforeEach
  void fixture() {
    fixture = new ServerFixture(dir);
  }

  private void start(ServerConfig config) throws Exception {
    scheduler = new HandScheduler(fixture.clock);
    server = fixture.start(config, Optional.of(scheduler));
    http = new Http(server.url());
    admin = server.firstAdminToken().orElseThrow().value().reveal();
    remember(admin);
  }

  private void remember(String secret) {
    secrets.add(secret);
    logs.forbid(secret);
  }

  private String token(String scope) {
    String t = Http.json(http.postJson("/v1/api-tokens", admin, "{\"name\":\"" + scope + "\",\"scopes\":[\"" + scope
        + "\"]}")).get("token").asText();
    remember(t);
    return t;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void givenNoTokenOrTheWrongScope_whenReadingMetrics_then401Or403AndWithScopeMetricsThePrometheusText()
      throws Exception {
    start(ServerConfig.defaults());

    assertThat(http.get("/metrics", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/metrics", token("accounts:read")).statusCode()).isEqualTo(403);
    HttpResponse<String> r = http.get("/metrics", token("metrics"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/plain").contains("version=0.0.4"));
    assertThat(r.body()).contains("# TYPE mailtoken_accounts gauge");
  }

  @Test
  void givenOpenOnLoopback_whenALoopbackClientReadsMetricsWithoutAToken_then200() throws Exception {
    start(ServerConfig.builder().set(ConfigKey.METRICS_OPEN_ON_LOOPBACK, "true").build());

    HttpResponse<String> r = http.get("/metrics", null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("# TYPE mailtoken_accounts gauge");
  }

  @Test
  void givenRequestsWithIdsInTheirPaths_whenCounted_thenTheLabelIsTheRouteTemplateNeverTheId() throws Exception {
    start(ServerConfig.defaults());
    JsonNode created = Http.json(http.postJson("/v1/webhooks", admin,
        "{\"url\":\"https://hooks.example.com/in\",\"events\":[\"token.rotated\"]}"));
    remember(created.get("secret").asText());
    String id = created.get("webhook").get("id").asText();
    http.get("/v1/webhooks/" + id, admin);
    http.get("/v1/webhooks/0123456789abcdef", admin);
    http.get("/v1/no-such-thing/42", admin);

    String text = http.get("/metrics", token("metrics")).body();

    assertThat(text)
        .contains("mailtoken_http_requests_total{method=\"GET\",route=\"/v1/webhooks/{id}\",status=\"200\"} 1")
        .contains("mailtoken_http_requests_total{method=\"GET\",route=\"/v1/webhooks/{id}\",status=\"404\"} 1")
        .contains("mailtoken_http_requests_total{method=\"POST\",route=\"/v1/webhooks\",status=\"201\"} 1")
        .contains("route=\"unmatched\",status=\"404\"")
        .doesNotContain(id).doesNotContain("0123456789abcdef").doesNotContain("no-such-thing");
  }

  @Test
  void givenRefreshesHandOutsAndADelivery_whenScraped_thenEachIsCountedAndNoSecretOrAddressAppears() throws Exception {
    ProviderEmulator emulator = fixture.rotatingRefreshTokens().emulator();
    logs.forbidAll(emulator::issuedSecrets).forbid(ServerFixture.CLIENT_SECRET);
    CredentialStore store = fixture.store();
    fixture.addAccount(store, ALICE, Duration.ofMinutes(30));
    fixture.addAccount(store, BOB, Duration.ofMinutes(30));
    start(ServerConfig.defaults());
    fixture.clock.advance(Duration.ofMinutes(1));
    String crm = token("token");
    for (String account : List.of(ALICE, BOB)) {   // a hand-out each, after a refresh (and a rotation) each
      assertThat(http.get("/v1/accounts/" + account + "/token?minValidity=1800", crm).statusCode()).isEqualTo(200);
    }
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      JsonNode created = Http.json(http.postJson("/v1/webhooks", admin, "{\"url\":\"" + receiver.url("/in")
          + "\",\"events\":[\"account.removed\"]}"));
      remember(created.get("secret").asText());
      server.webhooks().publish(WebhookEventType.ACCOUNT_REMOVED, BOB, Map.of());
      scheduler.runDue();
      assertThat(receiver.received()).hasSize(1);
    }

    await().untilAsserted(() -> assertThat(http.get("/metrics", token("metrics")).body())
        .contains("mailtoken_token_refreshes_total{app=\"emulated\",outcome=\"success\",provider=\"custom\"} 2"));
    String text = http.get("/metrics", token("metrics")).body();

    assertThat(text)
        .contains("mailtoken_token_refresh_duration_seconds_count{app=\"emulated\",outcome=\"success\",provider=\"custom\"} 2")
        .contains("mailtoken_token_refresh_duration_seconds_bucket{app=\"emulated\",outcome=\"success\",provider=\"custom\",le=")
        .contains("mailtoken_token_rotations_total{app=\"emulated\",provider=\"custom\"} 2")
        .contains("mailtoken_accounts{health=\"healthy\"} 2")
        .contains("mailtoken_token_handouts_total{app=\"emulated\",provider=\"custom\"} 2")
        .contains("mailtoken_webhook_deliveries_total{event=\"account.removed\",outcome=\"delivered\"} 1");
    List<String> forbidden = new ArrayList<>(secrets);
    forbidden.addAll(emulator.issuedSecrets());
    forbidden.addAll(List.of(ServerFixture.CLIENT_SECRET, ALICE, BOB, "@"));
    assertThat(emulator.issuedSecrets()).hasSizeGreaterThanOrEqualTo(4);
    forbidden.forEach(s -> assertThat(text).doesNotContain(s));
  }
}
