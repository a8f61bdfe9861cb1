package dev.mailtoken.server.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.Secret;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.ConsentDecision;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testsupport.LogCapture;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The connect pages in a real browser: headless Chromium (Debian's) against the fully wired
 * {@link MailtokenServer} and the provider emulator's consent endpoint. Each page is checked to
 * render (title, heading, the words that matter), to log nothing to the console, and is kept as a
 * screenshot under {@code target/screenshots/}. Skipped, with the reason, where Chromium is not
 * installed; {@code .ci/run} installs it.
 */
class ConnectBrowserTest {
  private static final String CLIENT_ID = "web-client";
  private static final String CLIENT_SECRET = "web-client-secret-0123456789";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ServerFixture fixture;
  ProviderEmulator emulator;
  MailtokenServer server;
  CredentialStore store;
  Chromium chromium;

  @BeforeAll
  static void requireChromium() {
    Optional<String> why = Chromium.unavailable();
    Assumptions.assumeTrue(why.isEmpty(), () -> why.orElse(""));
  }

  @BeforeEach
  void startBrowser(TestInfo test) throws Exception {
    chromium = Chromium.start(test.getTestMethod().orElseThrow().getName());
  }

  @AfterEach
  void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (fixture != null) {
      fixture.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  private void serve(EmulatorMode mode, Optional<URI> authorize) throws Exception {
    fixture = new ServerFixture(dir);
    emulator = ProviderEmulator.builder().mode(mode).clock(fixture.clock).build().start();
    logs.forbidAll(emulator::issuedSecrets);
    logs.forbid(CLIENT_SECRET);
    server = fixture.start();
    logs.forbid(server.firstAdminToken().orElseThrow().value().reveal());
    emulator.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET)
        .redirectUri(server.url() + "/connect/callback").build());
    store = fixture.store();
    boolean microsoft = mode == EmulatorMode.MICROSOFT;
    store.addApp(new StoredApp(microsoft ? "m365" : "gmail", microsoft ? ProviderKind.MICROSOFT : ProviderKind.GOOGLE,
        microsoft ? Optional.of("common") : Optional.empty(), Optional.of(emulator.issuer()), emulator.tokenEndpoint(),
        Optional.of(authorize.orElse(emulator.authorizationEndpoint())),
        microsoft ? Optional.empty() : Optional.of(emulator.revocationEndpoint()),
        Optional.of(emulator.userinfoEndpoint()), CLIENT_ID, Optional.of(Secret.of(CLIENT_SECRET)), Optional.empty(),
        microsoft ? List.of("https://outlook.office.com/SMTP.Send", "offline_access") : List.of("https://mail.google.com/"),
        Optional.empty(), 587));
  }

  private String link(String body) {
    HttpResponse<String> r = new Http(server.url()).postJson("/v1/connect-links",
        server.firstAdminToken().orElseThrow().value().reveal(), body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String url = Http.json(r).get("url").asText();
    logs.forbid(url.substring(url.indexOf("mtc_")));
    return url;
  }

  /**
   * The page has rendered with {@code title}, has one heading saying it, works without script,
   * logged no console error (a document answered with one of {@code statuses} is the page's own
   * status, not an error), and is saved as a screenshot.
   */
  private void page(String shot, String title, int... statuses) {
    new WebDriverWait(chromium.driver, Duration.ofSeconds(20))
        .until(ExpectedConditions.titleContains(title));
    Path png = chromium.screenshot(shot);
    assertThat(png).isNotEmptyFile();
    assertThat(chromium.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    assertThat(chromium.driver.findElements(By.tagName("h1"))).singleElement()
        .satisfies(h -> assertThat(h.getText()).isEqualTo(title));
    assertThat(chromium.driver.findElements(By.tagName("script"))).isEmpty();
    String document = chromium.driver.getCurrentUrl();
    List<LogEntry> errors = chromium.console().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .filter(e -> !(e.getMessage().startsWith(document + " ") && Arrays.stream(statuses)
            .anyMatch(s -> e.getMessage().endsWith("status of " + s + " (" + reason(s) + ")"))))
        .toList();
    assertThat(errors).as("console messages on " + shot).isEmpty();
  }

  private static String reason(int status) {
    return switch (status) {
      case 403 -> "Forbidden";
      case 410 -> "Gone";
      case 422 -> "Unprocessable Entity";
      default -> throw new IllegalArgumentException("add the reason phrase of " + status);
    };
  }

  private WebElement button(String text) {
    return chromium.driver.findElement(By.xpath("//button[normalize-space()='" + text + "']"));
  }

  private String body() {
    return chromium.driver.findElement(By.tagName("main")).getText();
  }

  @Test
  void givenAGoogleApp_whenAPersonConnectsTheirMailbox_thenEveryPageRendersAndTheAccountIsStored() throws Exception {
    serve(EmulatorMode.GOOGLE, Optional.empty());
    chromium.driver.get(link("{\"expectedMailbox\":\"alice@example.com\"}"));
    page("1-choose", "Connect your mailbox");
    assertThat(body()).contains("alice@example.com");

    button("Continue with Google").click();

    page("2-connected", "Mailbox connected");
    assertThat(body()).contains("alice@example.com is connected");
    assertThat(store.account("alice@example.com")).isPresent();
    assertThat(server.accounts().status("alice@example.com")).as("registered for refresh at once").isPresent();
    assertThat(server.accounts().events("alice@example.com", 10)).extracting(e -> e.kind())
        .containsExactly("account.connected");
  }

  @Test
  void givenAMicrosoftApp_whenAPersonConnectsTheirMailbox_thenEveryPageRendersAndTheAccountIsStored()
      throws Exception {
    serve(EmulatorMode.MICROSOFT, Optional.empty());
    chromium.driver.get(link("{\"app\":\"m365\"}"));
    page("1-choose", "Connect your mailbox");

    button("Continue with Microsoft").click();

    page("2-connected", "Mailbox connected");
    assertThat(store.account("user@example.com")).isPresent();
  }

  @Test
  void givenAPartialGrant_whenThePersonComesBack_thenThePageExplainsAndTryAgainConnects() throws Exception {
    serve(EmulatorMode.GOOGLE, Optional.empty());
    emulator.consent(ConsentDecision.grant(List.of("openid", "email")));
    chromium.driver.get(link("{}"));
    page("1-choose", "Connect your mailbox");

    button("Continue with Google").click();

    page("2-partial-grant", "Some permissions were not allowed", 422);
    assertThat(body()).contains("https://mail.google.com/");
    assertThat(store.accounts()).isEmpty();
    emulator.consent(ConsentDecision.grantAll());
    button("Try again").click();
    page("3-connected", "Mailbox connected");
    assertThat(store.account("user@example.com")).isPresent();
  }

  @Test
  void givenAnExpectedMailbox_whenAnotherAccountConsents_thenThePageSaysWhyAndNothingIsStored() throws Exception {
    serve(EmulatorMode.GOOGLE, Optional.empty());
    // The chooser needs the emulator's address, known once it runs: the app is replaced by one that goes through it.
    try (AccountChooser chooser = new AccountChooser(emulator.authorizationEndpoint(), "mallory@example.com")) {
      store.removeApp("gmail");
      StoredApp gmail = new StoredApp("gmail", ProviderKind.GOOGLE, Optional.empty(), Optional.of(emulator.issuer()),
          emulator.tokenEndpoint(), Optional.of(chooser.uri()), Optional.of(emulator.revocationEndpoint()),
          Optional.of(emulator.userinfoEndpoint()), CLIENT_ID, Optional.of(Secret.of(CLIENT_SECRET)), Optional.empty(),
          List.of("https://mail.google.com/"), Optional.empty(), 587);
      store.addApp(gmail);
      chromium.driver.get(link("{\"expectedMailbox\":\"alice@example.com\"}"));
      page("1-choose", "Connect your mailbox");

      button("Continue with Google").click();

      page("2-mismatch", "That is not the expected mailbox", 403);
      assertThat(body()).contains("alice@example.com").contains("mallory@example.com").contains("revoked");
      assertThat(store.accounts()).isEmpty();
    }
  }

  @Test
  void givenAUsedLink_whenOpenedAgainInAnotherBrowser_thenThePageSaysItWasUsed() throws Exception {
    serve(EmulatorMode.GOOGLE, Optional.empty());
    String url = link("{}");
    chromium.driver.get(url);
    button("Continue with Google").click();
    page("1-connected", "Mailbox connected");
    chromium.close();
    chromium = Chromium.start("givenAUsedLink_whenOpenedAgainInAnotherBrowser_thenThePageSaysItWasUsed");

    chromium.driver.get(url);

    page("2-used", "This connect link was already used", 410);
    assertThat(body()).contains("user@example.com");
    assertThat(chromium.driver.findElements(By.tagName("button"))).isEmpty();
  }
}
