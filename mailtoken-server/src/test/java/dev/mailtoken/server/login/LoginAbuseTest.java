package dev.mailtoken.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.server.AdminBrowser;
import dev.mailtoken.server.ConfigKey;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerConfig;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What another site or a guesser can try against the login: forms without their CSRF token or
 * cookie, a redirect to elsewhere after login, and many wrong guesses from one address (limited by
 * the injected clock). Every refusal is a page, and no session appears.
 */
class LoginAbuseTest {
  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ServerFixture fixture;
  MailtokenServer server;
  String admin;
  AdminBrowser browser;

  @BeforeEach
  void start() throws Exception {
    fixture = new ServerFixture(dir);
    server = fixture.start(ServerConfig.builder().set(ConfigKey.LOGIN_MAX_FAILURES, "3")
        .set(ConfigKey.LOGIN_FAILURE_WINDOW, "10m").build());
    admin = server.firstAdminToken().orElseThrow().value().reveal();
    logs.forbid(admin);
    browser = new AdminBrowser(server.url());
  }

  @AfterEach
  void stop() {
    browser.cookieValues().forEach(logs::forbid);
    fixture.close();
  }

  private static void refusedAsCsrf(HttpResponse<String> r) {
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(r.body()).contains("Missing or wrong CSRF token").contains("role=\"alert\"");
  }

  @Test
  void givenTheLoginFormWithoutItsCsrfToken_whenPosted_then403PageAndNoSession() {
    browser.get("/login");

    refusedAsCsrf(browser.post("/login", Map.of("secret", admin, "next", "/admin")));
    refusedAsCsrf(browser.post("/login", Map.of("secret", admin, "csrf", "00ff", "next", "/admin")));
    assertThat(browser.cookie("mailtoken_session")).isEmpty();
  }

  @Test
  void givenALoginPostedFromAnotherSite_whenTheBrowserSentNoLoginCookie_then403AndNoSession() {
    String csrf = AdminBrowser.csrf(new AdminBrowser(server.url()).get("/login"));

    HttpResponse<String> r = browser.post("/login", Map.of("secret", admin, "csrf", csrf, "next", "/admin"));

    refusedAsCsrf(r);
    assertThat(r.body()).contains("open the login page again");
    assertThat(browser.cookie("mailtoken_session")).isEmpty();
  }

  @Test
  void givenALoggedInSession_whenLogoutIsPostedWithoutTheSessionsCsrfToken_then403AndStillLoggedIn() {
    browser.logIn(admin);
    String otherSessionsToken = AdminBrowser.csrf(new AdminBrowser(server.url()).get("/login"));

    refusedAsCsrf(browser.post("/logout", Map.of()));
    refusedAsCsrf(browser.post("/logout", Map.of("csrf", otherSessionsToken)));

    assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
  }

  @Test
  void givenANextPointingAtAnotherSite_whenLoggedIn_thenTheAdminPageInstead() {
    for (String next : new String[] {"//evil.example/", "https://evil.example/", "/\\evil.example", "admin"}) {
      AdminBrowser b = new AdminBrowser(server.url());
      HttpResponse<String> answer = b.logIn(admin, "/login?next=" + java.net.URLEncoder.encode(next,
          java.nio.charset.StandardCharsets.UTF_8));
      assertThat(answer.headers().firstValue("Location")).as(next).hasValue("/admin");
      b.cookieValues().forEach(logs::forbid);
    }
  }

  @Test
  void givenThreeWrongGuessesFromOneAddress_whenTheRightTokenIsTried_thenItMustWaitUntilTheWindowPasses() {
    for (int i = 0; i < 3; i++) {
      assertThat(browser.logIn("wrong guess " + i).statusCode()).isEqualTo(401);
      fixture.clock.advance(Duration.ofMinutes(1));
    }

    HttpResponse<String> throttled = browser.logIn(admin);

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("420");
    assertThat(throttled.body()).contains("Too many failed logins from your address; try again in 7 minutes");
    assertThat(browser.cookie("mailtoken_session")).isEmpty();
    fixture.clock.advance(Duration.ofMinutes(7));
    assertThat(browser.logIn(admin).statusCode()).isEqualTo(303);
  }

  @Test
  void givenASuccessfulLogin_whenFailuresCameBefore_thenTheyAreForgotten() {
    browser.logIn("wrong guess a");
    browser.logIn("wrong guess b");
    assertThat(new AdminBrowser(server.url()).logIn(admin).statusCode()).isEqualTo(303);

    browser.logIn("wrong guess c");
    browser.logIn("wrong guess d");

    assertThat(browser.logIn(admin).statusCode()).isEqualTo(303);
  }

  @Test
  void givenABrowserAskingForAnUnknownPage_whenAnswered_thenAn404PageAndTheApiStillAnswersProblems() {
    HttpResponse<String> page = browser.get("/no-such-page");
    HttpResponse<String> api = new Http(server.url()).get("/v1/no-such-thing", admin);

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }
}
