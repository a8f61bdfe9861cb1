package dev.mailtoken.server;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Every HTML page of the server, whichever feature renders it (home, login, admin, the connect
 * flow, error pages), refuses to be framed and allows no script; and a browser that meets an
 * error on a connect path outside the flow gets an HTML page, not JSON.
 */
class PageHeadersTest {
  private static final String ALICE = "alice@example.com";

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
    logs.forbidAll(fixture.emulator()::issuedSecrets);
    fixture.addAccount(fixture.store(), ALICE, Duration.ofMinutes(30));
    server = fixture.start();
    admin = server.firstAdminToken().orElseThrow().value().reveal();
    logs.forbid(admin, ServerFixture.CLIENT_SECRET);
    browser = new AdminBrowser(server.url());
  }

  @AfterEach
  void stop() {
    browser.cookieValues().forEach(logs::forbid);
    fixture.close();
  }

  @Test
  void givenEveryKindOfPage_whenABrowserLoadsIt_thenItCannotBeFramedAndRunsNoScript() {
    Map<String, HttpResponse<String>> pages = new LinkedHashMap<>();
    pages.put("home", browser.get("/"));
    pages.put("login", browser.get("/login"));
    browser.logIn(admin);
    pages.put("admin", browser.get("/admin"));
    String id = openConnectLink();
    pages.put("connect choice", browser.get("/connect/" + id));
    pages.put("connect problem", browser.get("/connect?token=mtc_forged"));
    pages.put("error page", browser.get("/nowhere"));

    pages.forEach((name, page) -> {
      assertThat(page.headers().firstValue("Content-Type")).as(name).hasValueSatisfying(t -> assertThat(t)
          .startsWith("text/html"));
      assertThat(page.headers().firstValue("X-Frame-Options")).as(name).hasValue("DENY");
      assertThat(page.headers().allValues("Content-Security-Policy")).as(name).singleElement()
          .satisfies(csp -> assertThat(csp).contains("frame-ancestors 'none'").contains("default-src 'none'")
              .doesNotContain("script-src"));
    });
  }

  @Test
  void givenABrowser_whenAConnectPathOutsideTheFlowFails_thenItGetsAnHtmlErrorPage() {
    String id = openConnectLink();

    HttpResponse<String> page = browser.get("/connect/" + id + "/start");

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("<p role=\"alert\">").doesNotContain("\"type\"");
  }

  /** Creates a link over the API and opens it in the browser; its id. */
  private String openConnectLink() {
    HttpResponse<String> created = new Http(server.url()).postJson("/v1/connect-links", admin, "{}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String url = Http.json(created).get("url").asText();
    logs.forbid(url.substring(url.indexOf("mtc_")));
    HttpResponse<String> opened = browser.get(url.substring(url.indexOf("/connect")));
    assertThat(opened.statusCode()).isEqualTo(303);
    return Http.json(created).get("connectLink").get("id").asText();
  }
}
