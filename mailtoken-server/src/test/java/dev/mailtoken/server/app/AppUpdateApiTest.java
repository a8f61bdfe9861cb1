package dev.mailtoken.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code PATCH /v1/apps/{name}}: an app changed in place, its accounts kept, its secret write-only. */
class AppUpdateApiTest {
  private static final String ALICE = "alice@example.com";
  private static final String APP_PATH = "/v1/apps/" + ServerFixture.APP;
  private static final String NEW_SECRET = "rotated-client-secret-Zt81mQ";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ServerFixture fixture;
  ProviderEmulator emulator;
  Http http;
  String admin;

  @BeforeEach
  void start() throws Exception {
    fixture = new ServerFixture(dir);
    emulator = fixture.emulator();
    logs.forbidAll(emulator::issuedSecrets);
    logs.forbid(ServerFixture.CLIENT_SECRET, NEW_SECRET);
    fixture.addAccount(fixture.store(), ALICE, Duration.ofMinutes(30));
    MailtokenServer server = fixture.start();
    http = new Http(server.url());
    admin = server.firstAdminToken().orElseThrow().value().reveal();
    logs.forbid(admin);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private HttpResponse<String> patch(String path, String body) {
    return http.send(http.request(path, admin).header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private JsonNode app() {
    HttpResponse<String> r = http.get(APP_PATH, admin);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Http.json(r);
  }

  @Test
  void givenAnAppWithSmtpChoices_whenItsPortIsPatched_thenTheChoicesAreKept() throws Exception {
    StoredApp before = fixture.store().app(ServerFixture.APP).orElseThrow();
    fixture.store().updateApp(before.withSmtpChoices(Optional.of("tls"), Optional.of("oauthbearer")));

    HttpResponse<String> r = patch(APP_PATH, "{\"smtpPort\":1465}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    StoredApp after = fixture.store().app(ServerFixture.APP).orElseThrow();
    assertThat(after.smtpPort()).isEqualTo(1465);
    assertThat(after.smtpSecurity()).contains("tls");
    assertThat(after.sasl()).contains("oauthbearer");
  }

  @Test
  void givenAnAppWithAnAccount_whenPatched_thenTheChangeShowsAndTheAccountStaysAndStillRefreshes() {
    HttpResponse<String> r = patch(APP_PATH, "{\"scopes\":[\"https://mail.example.com/send\",\"openid\"],"
        + "\"smtpHost\":\"smtp.example.net\",\"smtpPort\":465}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode app = app();
    assertThat(app.get("scopes").toString()).isEqualTo("[\"https://mail.example.com/send\",\"openid\"]");
    assertThat(app.get("smtpHost").asText()).isEqualTo("smtp.example.net");
    assertThat(app.get("smtpPort").asInt()).isEqualTo(465);
    assertThat(app.get("clientSecretSet").asBoolean()).isTrue();
    assertThat(Http.json(http.get("/v1/accounts/" + ALICE, admin)).get("app").asText()).isEqualTo(ServerFixture.APP);
    fixture.clock.advance(Duration.ofMinutes(1));
    assertThat(http.get("/v1/accounts/" + ALICE + "/token?minValidity=1800", admin).statusCode()).isEqualTo(200);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  @Test
  void givenANewClientSecret_whenPatched_thenItIsNeverShownAndTheNextRefreshUsesIt() {
    HttpResponse<String> r = patch(APP_PATH, "{\"clientSecret\":\"" + NEW_SECRET + "\"}");
    emulator.registerClient(ClientRegistration.confidential(ServerFixture.CLIENT_ID, NEW_SECRET)
        .redirectUri("http://127.0.0.1:8765/callback").build());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(NEW_SECRET);
    assertThat(Http.json(r).get("clientSecretSet").asBoolean()).isTrue();
    fixture.clock.advance(Duration.ofMinutes(1));
    HttpResponse<String> token = http.get("/v1/accounts/" + ALICE + "/token?minValidity=1800", admin);
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
    String audit = http.get("/v1/audit?subject=" + ServerFixture.APP, admin).body();
    assertThat(audit).contains("app.updated").contains("changed clientSecret").doesNotContain(NEW_SECRET);
  }

  @Test
  void givenNullForAnOptionalField_whenPatched_thenItIsRemovedAndTheRestKept() {
    String before = app().get("tokenEndpoint").asText();

    HttpResponse<String> r = patch(APP_PATH, "{\"revocationEndpoint\":null,\"clientSecret\":null}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode app = app();
    assertThat(app.has("revocationEndpoint")).isFalse();
    assertThat(app.get("clientSecretSet").asBoolean()).isFalse();
    assertThat(app.get("tokenEndpoint").asText()).isEqualTo(before);
  }

  @Test
  void givenNullForTheTokenEndpoint_whenPatched_then422NamingItAndNothingChanged() {
    String before = app().toString();

    HttpResponse<String> r = patch(APP_PATH, "{\"smtpHost\":\"smtp.example.net\",\"tokenEndpoint\":null}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    assertThat(Http.json(r).get("detail").asText()).contains("tokenEndpoint cannot be removed");
    assertThat(app().toString()).isEqualTo(before);
  }

  @Test
  void givenTheProviderInTheBody_whenPatched_then422SayingItIsNotAField() {
    HttpResponse<String> r = patch(APP_PATH, "{\"provider\":\"GOOGLE\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    assertThat(Http.json(r).get("errors").get(0).get("field").asText()).isEqualTo("provider");
  }

  @Test
  void givenATenantForAnAppThatIsNotMicrosofts_whenPatched_then422() {
    HttpResponse<String> r = patch(APP_PATH, "{\"tenant\":\"contoso.onmicrosoft.com\"}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    assertThat(Http.json(r).get("detail").asText()).contains("tenant is only for provider MICROSOFT");
  }

  @Test
  void givenAnUnknownApp_whenPatched_then404() {
    HttpResponse<String> r = patch("/v1/apps/nope", "{\"smtpPort\":465}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    assertThat(Http.json(r).get("type").asText()).isEqualTo("/problems/not-found");
  }

  @Test
  void givenATokenWithoutAdmin_whenPatching_then403() {
    HttpResponse<String> created = http.postJson("/v1/api-tokens", admin,
        "{\"name\":\"reader\",\"scopes\":[\"accounts:read\"]}");
    String reader = Http.json(created).get("token").asText();
    logs.forbid(reader);

    HttpResponse<String> r = http.send(http.request(APP_PATH, reader).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"smtpPort\":465}")).build());

    assertThat(r.statusCode()).isEqualTo(403);
  }
}
