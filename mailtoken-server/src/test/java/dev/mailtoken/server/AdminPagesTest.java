package dev.mailtoken.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.server.webhook.WebhookEventType;
import dev.mailtoken.server.webhook.WebhookReceiver;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apps, API-token and webhook pages of the admin UI over real HTTP (a cookie-keeping client
 * logged in with the admin token): what each form does, that secrets are write-only or shown
 * once, and that a mistake brings the form back with what was typed.
 */
class AdminPagesTest {
  private static final String SECRET = "typed-client-secret-9f8e7d";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ServerFixture fixture;
  MailtokenServer server;
  Http http;
  String admin;
  AdminBrowser browser;

  @BeforeEach
  void start() throws Exception {
    fixture = new ServerFixture(dir);
    logs.forbidAll(fixture.emulator()::issuedSecrets);
    logs.forbid(ServerFixture.CLIENT_SECRET, SECRET);
    fixture.addAccount(fixture.store(), "alice@example.com", Duration.ofMinutes(30));
    server = fixture.start();
    http = new Http(server.url());
    admin = server.firstAdminToken().orElseThrow().value().reveal();
    logs.forbid(admin);
    browser = new AdminBrowser(server.url());
    browser.logIn(admin);
  }

  @AfterEach
  void stop() {
    browser.cookieValues().forEach(logs::forbid);
    fixture.close();
  }

  private HttpResponse<String> submit(String page, String action, Map<String, String> fields) {
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("csrf", AdminBrowser.csrf(browser.get(page)));
    return browser.post(action, form);
  }

  private Map<String, String> customApp(String name) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("name", name);
    f.put("provider", "CUSTOM");
    f.put("clientId", "crm-client");
    f.put("clientSecret", SECRET);
    f.put("tokenEndpoint", fixture.emulator().tokenEndpoint().toString());
    f.put("scopes", "https://mail.example.com/send openid");
    return f;
  }

  @Test
  void givenTheAddForm_whenAnAppIsAdded_thenItIsListedWithItsSecretSetButNeverShown() {
    HttpResponse<String> answer = submit("/admin/apps", "/admin/apps", customApp("crm"));

    assertThat(answer.statusCode()).isEqualTo(303);
    HttpResponse<String> list = browser.get(answer.headers().firstValue("Location").orElseThrow());
    assertThat(list.body()).contains("App crm was added.").contains("crm-client").contains("set (write-only)")
        .doesNotContain(SECRET);
    assertThat(browser.get("/admin/apps/crm").body()).contains("https://mail.example.com/send openid")
        .doesNotContain(SECRET);
  }

  @Test
  void givenAnAddFormWithABadUrl_whenSent_then422AndTheFormAgainWithWhatWasTypedButTheSecret() {
    Map<String, String> form = customApp("crm");
    form.put("tokenEndpoint", "not a url");

    HttpResponse<String> answer = submit("/admin/apps", "/admin/apps", form);

    assertThat(answer.statusCode()).isEqualTo(422);
    assertThat(answer.body()).contains("role=\"alert\"").contains("is not an absolute URL")
        .contains("value=\"crm-client\"").doesNotContain(SECRET);
    assertThat(http.get("/v1/apps/crm", admin).statusCode()).isEqualTo(404);
  }

  @Test
  void givenAnApp_whenItsFormIsSavedWithNewScopesAndNoSecretTyped_thenTheScopesChangeAndTheSecretStays() {
    submit("/admin/apps", "/admin/apps", customApp("crm"));
    Map<String, String> form = new LinkedHashMap<>(customApp("crm"));
    form.remove("name");
    form.remove("provider");
    form.put("clientSecret", "");
    form.put("scopes", "https://mail.example.com/send");
    form.put("smtpPort", "587");

    HttpResponse<String> answer = submit("/admin/apps/crm", "/admin/apps/crm", form);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).contains("Saved.");
    JsonNode app = Http.json(http.get("/v1/apps/crm", admin));
    assertThat(app.get("scopes").toString()).isEqualTo("[\"https://mail.example.com/send\"]");
    assertThat(app.get("clientSecretSet").asBoolean()).isTrue();
    assertThat(http.get("/v1/audit", admin).body()).contains("changed scopes").doesNotContain("changed clientSecret");
  }

  @Test
  void givenAnAppAnAccountUses_whenRemovedFromItsPage_then422PageAndTheAppStays() {
    HttpResponse<String> answer = submit("/admin/apps/" + ServerFixture.APP, "/admin/apps/" + ServerFixture.APP
        + "/remove", Map.of());

    assertThat(answer.statusCode()).isEqualTo(422);
    assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(http.get("/v1/apps/" + ServerFixture.APP, admin).statusCode()).isEqualTo(200);
  }

  @Test
  void givenTheTokenForm_whenATokenIsCreated_thenItsValueIsShownOnceAndWorksUntilRevoked() {
    HttpResponse<String> created = submit("/admin/api-tokens", "/admin/api-tokens",
        Map.of("name", "crm", "scopes", "accounts:read", "expiresInDays", "30"));

    assertThat(created.statusCode()).isEqualTo(200);
    String value = created.body().replaceAll("(?s).*<output class=\"secret\" id=\"token-value\">([^<]+)</output>.*",
        "$1");
    assertThat(value).startsWith("mtk_");
    logs.forbid(value);
    assertThat(http.get("/v1/accounts", value).statusCode()).isEqualTo(200);
    HttpResponse<String> list = browser.get("/admin/api-tokens");
    assertThat(list.body()).contains("crm").contains(ServerFixture.START.plus(Duration.ofDays(30)).toString())
        .doesNotContain(value);
    // the crm token's own row: both tokens were created at the same instant, so their order is by random id
    String id = list.body().replaceAll(
        "(?s).*<tr><td>crm</td>.*?action=\"/admin/api-tokens/([0-9a-f]+)/revoke\".*", "$1");
    assertThat(submit("/admin/api-tokens", "/admin/api-tokens/" + id + "/revoke", Map.of()).body())
        .contains("was revoked");
    assertThat(http.get("/v1/accounts", value).statusCode()).isEqualTo(401);
  }

  @Test
  void givenTheTokenFormWithoutAScope_whenSent_then422AndNoToken() {
    HttpResponse<String> answer = submit("/admin/api-tokens", "/admin/api-tokens", Map.of("name", "crm"));

    assertThat(answer.statusCode()).isEqualTo(422);
    assertThat(answer.body()).contains("scopes needs at least one of");
    assertThat(Http.json(http.get("/v1/api-tokens", admin)).get("apiTokens")).hasSize(1);
  }

  @Test
  void givenTheWebhookForm_whenAWebhookIsAdded_thenItsSecretIsShownOnceAndItsPageLogsDeliveries() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      HttpResponse<String> created = submit("/admin/webhooks", "/admin/webhooks", Map.of("url",
          receiver.url("/in?token=receiver-own-token").toString(), "events", "account.removed", "description", "crm"));

      assertThat(created.statusCode()).isEqualTo(200);
      String secret = created.body().replaceAll("(?s).*<output class=\"secret\" id=\"webhook-secret\">([^<]+)</output>.*",
          "$1");
      assertThat(secret).startsWith("whsec_");
      logs.forbid(secret);
      HttpResponse<String> list = browser.get("/admin/webhooks");
      assertThat(list.body()).contains(receiver.url("/in").toString()).doesNotContain(secret)
          .doesNotContain("receiver-own-token");
      String id = list.body().replaceAll("(?s).*href=\"/admin/webhooks/([0-9a-f]+)\".*", "$1");
      server.webhooks().publish(WebhookEventType.ACCOUNT_REMOVED, "nobody@example.com", Map.of());
      await().until(() -> !receiver.received().isEmpty());
      await().until(() -> browser.get("/admin/webhooks/" + id).body().contains("DELIVERED"));
      assertThat(browser.get("/admin/webhooks/" + id).body()).contains("account.removed").contains("<td>200</td>");
    }
  }

  @Test
  void givenAWebhook_whenDeletedFromItsPage_thenItIsGone() {
    HttpResponse<String> created = submit("/admin/webhooks", "/admin/webhooks",
        Map.of("url", "https://hooks.example.com/in", "events", "token.rotated"));
    String secret = created.body().replaceAll("(?s).*id=\"webhook-secret\">([^<]+)</output>.*", "$1");
    logs.forbid(secret);
    String id = browser.get("/admin/webhooks").body().replaceAll("(?s).*href=\"/admin/webhooks/([0-9a-f]+)\".*", "$1");

    HttpResponse<String> answer = submit("/admin/webhooks/" + id, "/admin/webhooks/" + id + "/delete", Map.of());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("was deleted").contains("No webhook yet.");
    assertThat(http.get("/v1/webhooks/" + id, admin).statusCode()).isEqualTo(404);
  }

  @Test
  void givenAWebhookUrlThatIsPlainHttpElsewhere_whenAdded_then422NamingTheRule() {
    HttpResponse<String> answer = submit("/admin/webhooks", "/admin/webhooks",
        Map.of("url", "http://hooks.example.com/in", "events", "token.rotated"));

    assertThat(answer.statusCode()).isEqualTo(422);
    assertThat(answer.body()).contains("url must use https");
  }
}
