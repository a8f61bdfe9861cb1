package dev.mailtoken.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.Secret;
import dev.mailtoken.server.AdminBrowser;
import dev.mailtoken.server.ConfigKey;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerAdmin;
import dev.mailtoken.server.ServerConfig;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.testkit.SelfSignedCertificate;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in to the admin pages over real HTTP (a cookie-keeping client, no mocked context): with
 * the admin token or the password, the session cookie's attributes, the accounts page, logout, and
 * the ways a session ends (idle, absolute, revoked token, changed password).
 */
class LoginTest {
  static final String ALICE = "alice@example.com";
  static final String PASSWORD = "correct horse battery staple";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  Path runDir;
  ServerFixture fixture;
  CredentialStore store;
  MailtokenServer server;
  String admin;
  AdminBrowser browser;

  @BeforeEach
  void start() throws Exception {
    start(ServerConfig.defaults());
  }

  void start(ServerConfig config) throws Exception {
    if (fixture != null) {
      fixture.close();
    }
    runDir = dir.resolve("run" + System.nanoTime());
    fixture = new ServerFixture(runDir);
    logs.forbidAll(fixture.emulator()::issuedSecrets);
    logs.forbid(PASSWORD, ServerFixture.CLIENT_SECRET);
    store = fixture.store();
    fixture.addAccount(store, ALICE, Duration.ofMinutes(30));
    server = fixture.start(config);
    admin = server.firstAdminToken().orElseThrow().value().reveal();
    logs.forbid(admin);
    browser = new AdminBrowser(server.url());
  }

  @AfterEach
  void stop() {
    browser.cookieValues().forEach(logs::forbid);
    fixture.close();
  }

  private HttpResponse<String> loggedIn(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
    browser.cookie("mailtoken_session").ifPresent(logs::forbid);
    return answer;
  }

  private void setPassword(String password) throws Exception {
    ServerAdmin.open(store, fixture.clock).logins().setPassword(Secret.of(password), "test");
  }

  @Test
  void givenTheAdminToken_whenLoggingIn_thenAnHttpOnlyStrictSessionCookieAndTheAccountsPage() {
    HttpResponse<String> answer = loggedIn(browser.logIn(admin));

    assertThat(answer.headers().firstValue("Location")).hasValue("/admin");
    String setCookie = answer.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("mailtoken_session=")).findFirst().orElseThrow();
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/")
        .doesNotContain("Secure").doesNotContain("Max-Age");
    HttpResponse<String> page = browser.get("/admin");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(ALICE).contains(ServerFixture.APP).contains("HEALTHY")
        .contains(ServerFixture.START.plus(Duration.ofMinutes(30)).toString()).contains("Log out")
        .doesNotContain(admin).doesNotContain("seeded-" + ALICE);
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }

  @Test
  void givenAPasswordSetForTheAdmin_whenLoggingInWithIt_thenLoggedInAndOnlyASlowHashIsStored() throws Exception {
    setPassword(PASSWORD);

    loggedIn(browser.logIn(PASSWORD));

    assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
    String stored = storedPassword();
    assertThat(stored).startsWith("pbkdf2-sha256$600000$").doesNotContain(PASSWORD);
  }

  @Test
  void givenAWrongPassword_whenLoggingIn_then401AndTheFormAgainWithoutASession() throws Exception {
    setPassword(PASSWORD);

    HttpResponse<String> answer = browser.logIn("not the password at all");

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("neither the admin password nor").contains("name=\"secret\"");
    assertThat(browser.cookie("mailtoken_session")).isEmpty();
    assertThat(browser.get("/admin").statusCode()).isEqualTo(303);
  }

  @Test
  void givenAnApiTokenWithoutTheAdminScope_whenLoggingIn_thenRefused() {
    HttpResponse<String> created = new Http(server.url()).postJson("/v1/api-tokens", admin,
        "{\"name\":\"crm\",\"scopes\":[\"token\",\"accounts:read\"]}");
    String crm = Http.json(created).get("token").asText();
    logs.forbid(crm);

    assertThat(browser.logIn(crm).statusCode()).isEqualTo(401);
    assertThat(browser.cookie("mailtoken_session")).isEmpty();
  }

  @Test
  void givenNoSession_whenOpeningTheAdminPage_thenSentToTheLoginPageWhichComesBackAfterwards() {
    HttpResponse<String> page = browser.get("/admin");

    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2Fadmin");
    HttpResponse<String> answer = loggedIn(browser.logIn(admin, "/login?next=%2Fadmin"));
    assertThat(answer.headers().firstValue("Location")).hasValue("/admin");
  }

  @Test
  void givenALoggedInSession_whenLoggingOut_thenTheCookieIsClearedAndReplayingItNoLongerWorks() {
    loggedIn(browser.logIn(admin));
    String cookie = browser.cookie("mailtoken_session").orElseThrow();
    String csrf = AdminBrowser.csrf(browser.get("/admin"));

    HttpResponse<String> out = browser.post("/logout", Map.of("csrf", csrf));

    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location")).hasValue("/login");
    assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("mailtoken_session=;")
        && c.contains("Max-Age=0"));
    assertThat(browser.get("/admin").statusCode()).isEqualTo(303);
    HttpResponse<String> replay = new Http(server.url()).send(HttpRequest.newBuilder(server.url().resolve("/admin"))
        .header("Cookie", "mailtoken_session=" + cookie).build());
    assertThat(replay.statusCode()).isEqualTo(303);
  }

  @Test
  void givenASessionUnusedLongerThanTheIdleTimeout_whenUsed_thenTheLoginPageAgain() {
    loggedIn(browser.logIn(admin));
    fixture.clock.advance(Duration.ofMinutes(29));
    assertThat(browser.get("/admin").statusCode()).isEqualTo(200);

    fixture.clock.advance(Duration.ofMinutes(31));

    assertThat(browser.get("/admin").statusCode()).isEqualTo(303);
  }

  @Test
  void givenASessionInUse_whenItsAbsoluteTimeoutPasses_thenTheLoginPageAgain() throws Exception {
    start(ServerConfig.builder().set(ConfigKey.SESSION_ABSOLUTE_TIMEOUT, "1h").build());
    loggedIn(browser.logIn(admin));
    for (int i = 0; i < 2; i++) {
      fixture.clock.advance(Duration.ofMinutes(25));
      assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
    }

    fixture.clock.advance(Duration.ofMinutes(11));

    assertThat(browser.get("/admin").statusCode()).isEqualTo(303);
  }

  @Test
  void givenASessionOfTheAdminToken_whenTheTokenIsRevoked_thenTheSessionEndsAtOnce() {
    loggedIn(browser.logIn(admin));
    String id = server.firstAdminToken().orElseThrow().token().id();

    new Http(server.url()).delete("/v1/api-tokens/" + id, admin);

    assertThat(browser.get("/admin").statusCode()).isEqualTo(303);
  }

  @Test
  void givenASessionOfThePassword_whenThePasswordIsChanged_thenTheSessionEndsAtOnce() throws Exception {
    setPassword(PASSWORD);
    loggedIn(browser.logIn(PASSWORD));
    assertThat(browser.get("/admin").statusCode()).isEqualTo(200);

    setPassword(PASSWORD + " changed");

    assertThat(browser.get("/admin").statusCode()).isEqualTo(303);
  }

  @Test
  void givenALoggedInSession_whenTheApiIsCalledWithOnlyItsCookie_then401() {
    loggedIn(browser.logIn(admin));
    String cookie = browser.cookie("mailtoken_session").orElseThrow();

    HttpResponse<String> r = new Http(server.url()).send(HttpRequest.newBuilder(server.url().resolve("/v1/accounts"))
        .header("Cookie", "mailtoken_session=" + cookie).build());

    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void givenTls_whenLoggingIn_thenTheSessionCookieIsSecure() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.generate();
    certificate.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
    start(ServerConfig.builder().set(ConfigKey.TLS_CERTIFICATE, dir.resolve("cert.pem").toString())
        .set(ConfigKey.TLS_PRIVATE_KEY, dir.resolve("key.pem").toString()).build());
    browser = new AdminBrowser(server.url(), Optional.of(certificate.clientContext()));

    HttpResponse<String> answer = loggedIn(browser.logIn(admin));

    assertThat(answer.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("mailtoken_session="))
        .singleElement().asString().contains("; Secure").contains("HttpOnly").contains("SameSite=Strict");
    assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
  }

  @Test
  void givenLoginsAndALogout_whenTheAuditLogIsRead_thenEachIsThereWithoutASecret() throws Exception {
    browser.logIn("mtk_wrong-token-value-0000000000000000000000");
    loggedIn(browser.logIn(admin));
    browser.post("/logout", Map.of("csrf", AdminBrowser.csrf(browser.get("/admin"))));

    String audit = new Http(server.url()).get("/v1/audit", admin).body();

    assertThat(audit).contains("login.failed").contains("login.succeeded").contains("\"logout\"")
        .doesNotContain(admin);
    browser.cookieValues().forEach(v -> assertThat(audit).doesNotContain(v));
  }

  private String storedPassword() throws Exception {
    try (Connection c = DriverManager.getConnection(fixtureUrl()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT value FROM server_meta WHERE name = 'admin_password'")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private String fixtureUrl() {
    return "jdbc:sqlite:" + runDir.resolve("mailtoken.db");
  }
}
