package dev.mailtoken.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.server.connect.Chromium;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin pages in a real browser: headless Chromium (Debian's) against the fully wired
 * {@link MailtokenServer}, logged in through the login form. Each page is checked to render (its
 * title as the one heading, no script), to log nothing to the console, and is kept as a
 * screenshot under {@code target/screenshots/<test>/}; each core action is done by filling in and
 * submitting the forms, as a person without JavaScript would. Skipped, with the reason, where
 * Chromium is not installed; {@code .ci/run} installs it.
 */
class AdminPagesBrowserTest {
  private static final String ALICE = "alice@example.com";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ServerFixture fixture;
  MailtokenServer server;
  String admin;
  Chromium chromium;

  @BeforeAll
  static void requireChromium() {
    Optional<String> why = Chromium.unavailable();
    Assumptions.assumeTrue(why.isEmpty(), () -> why.orElse(""));
  }

  @BeforeEach
  void start(TestInfo test) throws Exception {
    fixture = new ServerFixture(dir);
    logs.forbidAll(fixture.emulator()::issuedSecrets);
    logs.forbid(ServerFixture.CLIENT_SECRET);
    fixture.addAccount(fixture.store(), ALICE, Duration.ofMinutes(30));
    server = fixture.start();
    admin = server.firstAdminToken().orElseThrow().value().reveal();
    logs.forbid(admin);
    chromium = Chromium.start("AdminPagesBrowserTest-" + test.getTestMethod().orElseThrow().getName());
    chromium.driver.get(server.url() + "/login?next=/admin");
    page("0-login", "Log in");
    chromium.driver.findElement(By.id("secret")).sendKeys(admin);
    button("Log in").click();
    // The click returns before the next page has loaded: wait for it, or a test's first findElement
    // may still search the login page (seen under load).
    new WebDriverWait(chromium.driver, Duration.ofSeconds(20)).until(ExpectedConditions.titleContains("Accounts"));
  }

  @AfterEach
  void stop() throws Exception {
    if (chromium != null) {
      chromium.driver.manage().getCookies().forEach(c -> logs.forbid(c.getValue()));
      chromium.close();
    }
    fixture.close();
  }

  @Test
  void givenALoggedInAdmin_whenEveryAdminPageIsOpened_thenEachRendersWithoutConsoleErrors() {
    HttpResponse<String> hook = new Http(server.url()).postJson("/v1/webhooks", admin,
        "{\"url\":\"https://hooks.example.com/in\",\"events\":[\"token.rotated\"],\"description\":\"crm\"}");
    logs.forbid(Http.json(hook).get("secret").asText());
    String hookId = Http.json(hook).get("webhook").get("id").asText();

    page("1-accounts", "Accounts");
    assertThat(main()).contains(ALICE).contains(ServerFixture.APP).contains("HEALTHY");
    link(ALICE).click();
    page("2-account", ALICE);
    assertThat(main()).contains("Known deaths").contains("Events");
    link("Apps").click();
    page("3-apps", "Apps");
    link(ServerFixture.APP).click();
    page("4-app", "App " + ServerFixture.APP);
    assertThat(chromium.driver.findElement(By.id("clientSecret")).getAttribute("value")).isEmpty();
    link("API tokens").click();
    page("5-api-tokens", "API tokens");
    link("Webhooks").click();
    page("6-webhooks", "Webhooks");
    chromium.driver.get(server.url() + "/admin/webhooks/" + hookId);
    page("7-webhook", "Webhook https://hooks.example.com/in");
    assertThat(main()).contains("Nothing delivered yet.");
  }

  @Test
  void givenAnAccountPage_whenReconnectLinkIsSubmitted_thenTheLinkIsShownOnce() {
    link(ALICE).click();
    page("1-account", ALICE);
    button("Make a reconnect link").click();
    page("2-reconnect-link", ALICE);
    String url = chromium.driver.findElement(By.id("reconnect-url")).getText();
    logs.forbid(url.substring(url.indexOf("mtc_")));
    assertThat(url).startsWith(server.url() + "/connect?token=mtc_");
  }

  @Test
  void givenTheApiTokensPage_whenATokenIsCreated_thenItsValueIsShownAndWorksOnTheApi() {
    link("API tokens").click();
    chromium.driver.findElement(By.id("token-name")).sendKeys("crm");
    chromium.driver.findElement(By.cssSelector("input[name=scopes][value='accounts:read']")).click();
    button("Create the API token").click();
    page("1-api-token-created", "API tokens");
    String token = chromium.driver.findElement(By.id("token-value")).getText();
    logs.forbid(token);
    assertThat(new Http(server.url()).get("/v1/accounts", token).statusCode()).isEqualTo(200);
  }

  @Test
  void givenTheWebhooksPage_whenAWebhookIsAdded_thenItIsListedWithItsSecretShownOnce() {
    link("Webhooks").click();
    chromium.driver.findElement(By.id("webhook-url")).sendKeys("https://hooks.example.com/crm");
    chromium.driver.findElement(By.cssSelector("input[name=events][value='account.removed']")).click();
    button("Add the webhook").click();
    page("1-webhook-created", "Webhooks");
    logs.forbid(chromium.driver.findElement(By.id("webhook-secret")).getText());
    assertThat(main()).contains("https://hooks.example.com/crm");
  }

  @Test
  void givenTheAppsPage_whenAnAppIsAdded_thenThePageSaysSo() {
    link("Apps").click();
    chromium.driver.findElement(By.id("name")).sendKeys("crm-app");
    new Select(chromium.driver.findElement(By.id("provider"))).selectByValue("CUSTOM");
    chromium.driver.findElement(By.id("clientId")).sendKeys("crm-client");
    chromium.driver.findElement(By.id("tokenEndpoint")).sendKeys(fixture.emulator().tokenEndpoint().toString());
    chromium.driver.findElement(By.id("scopes")).sendKeys("https://mail.example.com/send");
    button("Add the app").click();
    page("1-app-added", "Apps");
    assertThat(main()).contains("App crm-app was added.");
  }

  @Test
  void givenAnAccountPage_whenRemoveIsSubmitted_thenTheAccountsPageSaysItWasRemoved() {
    link(ALICE).click();
    button("Remove the account").click();
    page("1-account-removed", "Accounts");
    assertThat(main()).contains(ALICE + " was removed.");
    assertThat(chromium.driver.findElements(By.linkText(ALICE))).isEmpty();
  }

  /**
   * The page has rendered with {@code title} as its one heading, has no script, logged no console
   * warning or error, and is saved as a screenshot.
   */
  private void page(String shot, String title) {
    new WebDriverWait(chromium.driver, Duration.ofSeconds(20)).until(ExpectedConditions.titleContains(title));
    assertThat(chromium.screenshot(shot)).isNotEmptyFile();
    assertThat(chromium.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    assertThat(chromium.driver.findElements(By.tagName("h1"))).singleElement()
        .satisfies(h -> assertThat(h.getText()).isEqualTo(title));
    assertThat(chromium.driver.findElements(By.tagName("script"))).isEmpty();
    List<LogEntry> errors = chromium.console().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    assertThat(errors).as("console messages on " + shot).isEmpty();
  }

  private WebElement button(String text) {
    return chromium.driver.findElement(By.xpath("//button[normalize-space()='" + text + "']"));
  }

  private WebElement link(String text) {
    return chromium.driver.findElement(By.linkText(text));
  }

  private String main() {
    return chromium.driver.findElement(By.tagName("main")).getText();
  }
}
