package dev.mailtoken.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.Secret;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.NewAccount;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account pages of the admin UI over real HTTP (a cookie-keeping client logged in with the
 * admin token): the overview with next refreshes and known deaths, one account's page, and its
 * reconnect, revoke and remove forms.
 */
class AdminAccountPagesTest {
  private static final String ALICE = "alice@example.com";
  private static final String GMAIL = "gina@gmail.example";
  private static final String OUTLOOK = "otto@outlook.example";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ServerFixture fixture;
  CredentialStore store;
  MailtokenServer server;
  String admin;
  AdminBrowser browser;

  @BeforeEach
  void start() throws Exception {
    fixture = new ServerFixture(dir);
    logs.forbidAll(fixture.emulator()::issuedSecrets);
    logs.forbid(ServerFixture.CLIENT_SECRET);
    store = fixture.store();
    fixture.addAccount(store, ALICE, Duration.ofMinutes(30));
    addAccount(GMAIL, "gmail", ProviderKind.GOOGLE);
    addAccount(OUTLOOK, "outlook", ProviderKind.MICROSOFT);
    server = fixture.start();
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

  /** An app of {@code kind} on the emulator's endpoints, and an account of it. */
  private void addAccount(String address, String appName, ProviderKind kind) throws Exception {
    StoredApp e = fixture.app();
    store.addApp(new StoredApp(appName, kind, Optional.empty(), e.issuer(), e.tokenEndpoint(),
        e.authorizationEndpoint(), e.revocationEndpoint(), Optional.empty(), ServerFixture.CLIENT_ID,
        Optional.of(Secret.of(ServerFixture.CLIENT_SECRET)), e.redirectUri(), ServerFixture.SCOPES, Optional.empty(),
        587));
    Secret refresh = Secret.of(fixture.emulator().issueRefreshToken(ServerFixture.CLIENT_ID, address,
        ServerFixture.SCOPES));
    store.putAccount(NewAccount.withRefreshToken(address, appName, refresh, ServerFixture.SCOPES,
        Optional.of(dev.mailtoken.token.AccessToken.of("seeded-" + address,
            fixture.clock.instant().plus(Duration.ofMinutes(40))))));
  }

  @Test
  void givenAccountsOfGoogleAndMicrosoftApps_whenTheOverviewIsOpened_thenItForecastsTheirKnownDeaths() {
    HttpResponse<String> page = browser.get("/admin");

    assertThat(page.statusCode()).isEqualTo(200);
    String row = rowOf(page.body(), GMAIL);
    assertThat(row).contains("possibly " + ServerFixture.START.plus(Duration.ofDays(7)))
        .contains("Google Testing app")
        .contains(ServerFixture.START.plus(Duration.ofMinutes(40)).minus(Duration.ofMinutes(5)).toString());
    assertThat(rowOf(page.body(), OUTLOOK)).contains(ServerFixture.START.plus(Duration.ofDays(90)).toString())
        .contains("Microsoft: 90 days without use").doesNotContain("possibly");
    assertThat(rowOf(page.body(), ALICE)).endsWith("<td>—</td></tr>");
    assertThat(page.body()).doesNotContain("seeded-");
  }

  @Test
  void givenAGoogleAccountThatOutlivedSevenDays_whenItsPageIsOpened_thenNoTestingDeathIsForecast() {
    fixture.clock.advance(Duration.ofDays(8));
    browser.logIn(admin);   // the first session ended after session.absolute-timeout

    HttpResponse<String> page = browser.get("/admin/accounts/" + GMAIL);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("None known").doesNotContain("Google Testing app");
  }

  @Test
  void givenAnAccount_whenAReconnectLinkIsMade_thenItIsShownOnceForTheAccountsAppAndMailbox() {
    HttpResponse<String> page = post("/admin/accounts/" + ALICE + "/reconnect");

    assertThat(page.statusCode()).isEqualTo(200);
    String url = page.body().replaceAll("(?s).*<output class=\"secret\" id=\"reconnect-url\">([^<]+)</output>.*", "$1");
    assertThat(url).startsWith(server.url() + "/connect?token=mtc_");
    logs.forbid(url.substring(url.indexOf("mtc_")));
    assertThat(browser.get("/admin/accounts/" + ALICE).body()).doesNotContain(url);
    assertThat(new Http(server.url()).get("/v1/audit", admin).body()).contains("connect_link.created")
        .contains("app " + ServerFixture.APP + ", expected mailbox " + ALICE);
  }

  @Test
  void givenAnAccount_whenItIsRevokedFromItsPage_thenTheProviderRevokedItAndTheAccountStaysRevoked() {
    HttpResponse<String> page = post("/admin/accounts/" + ALICE + "/revoke");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("The grant was revoked at").contains("REVOKED").contains("account.revoked");
    assertThat(fixture.emulator().requestCount(Endpoint.REVOKE)).isEqualTo(1);
    assertThat(Http.json(new Http(server.url()).get("/v1/accounts/" + ALICE, admin)).get("health").asText())
        .isEqualTo("REVOKED");
  }

  @Test
  void givenAnAccount_whenItIsRemovedFromItsPage_thenItIsGoneAndTheOverviewSaysSo() {
    HttpResponse<String> answer = post("/admin/accounts/" + ALICE + "/remove");

    assertThat(answer.statusCode()).isEqualTo(303);
    HttpResponse<String> overview = browser.get(answer.headers().firstValue("Location").orElseThrow());
    assertThat(overview.body()).contains(ALICE + " was removed.").doesNotContain("/admin/accounts/alice");
    assertThat(new Http(server.url()).get("/v1/accounts/" + ALICE, admin).statusCode()).isEqualTo(404);
  }

  @Test
  void givenTheRemoveFormWithoutItsCsrfToken_whenSent_then403AndTheAccountStays() {
    HttpResponse<String> answer = browser.post("/admin/accounts/" + ALICE + "/remove", Map.of());

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).contains("CSRF");
    assertThat(new Http(server.url()).get("/v1/accounts/" + ALICE, admin).statusCode()).isEqualTo(200);
  }

  @Test
  void givenAnUnknownAccount_whenItsPageIsOpened_thenAnHtml404() {
    HttpResponse<String> page = browser.get("/admin/accounts/nobody@example.com");

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("No account nobody@example.com");
  }

  /** Posts the form of the account page whose action is {@code path}, with the page's CSRF token. */
  private HttpResponse<String> post(String path) {
    String csrf = AdminBrowser.csrf(browser.get("/admin"));
    return browser.post(path, Map.of("csrf", csrf));
  }

  private static String rowOf(String body, String address) {
    int at = body.indexOf(">" + address + "</a>");
    assertThat(at).as("a row for " + address).isPositive();
    return body.substring(body.lastIndexOf("<tr>", at), body.indexOf("</tr>", at) + 5);
  }
}
