package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.ConsentDecision;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The loopback consent flow end to end: an HTTP client plays the browser against the Google-like emulator. */
class AuthorizeCommandTest {
  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home);
    logs.forbidAll(cli.provider::issuedSecrets);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenDesktopApp_whenBrowserConsents_thenAccountIsStoredUnderTheIdTokenAddress() {
    cli.withDesktopApp();
    HttpBrowser browser = new HttpBrowser();
    cli.browser = browser;

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("authorized alice@example.com");
    assertThat(r.err()).contains("Open this URL", "waiting for consent", "Ctrl-C");
    assertThat(browser.lastVisit().join().body()).contains("account connected");
    CliRun list = cli.run("accounts", "show", CliFixture.USER);
    assertThat(list.out()).contains("healthy", "https://mail.google.com/");
    assertThat(cli.provider.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  @Test
  void givenPrintedUrl_whenUserOpensItByHand_thenItIsTheSameConsentUrl() {
    cli.withDesktopApp();
    RecordingBrowser browser = new RecordingBrowser(false);
    cli.browser = browser;

    CliRun r = cli.run("authorize", "--app", "test", "--no-browser", "--timeout", "300ms");

    assertThat(browser.opened).isNull();
    assertThat(r.exitCode()).isEqualTo(ExitCode.CONSENT.code());
    assertThat(r.err()).contains(cli.provider.authorizationEndpoint().toString(), "code_challenge=",
        "state=", "redirect_uri=http%3A%2F%2F127.0.0.1%3A");
  }

  @Test
  void givenForgedState_whenCallbackArrives_thenIgnoredWithAnErrorPageAndNothingStored() {
    cli.withDesktopApp();
    RecordingBrowser browser = new RecordingBrowser(true);
    cli.browser = browser;

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "2s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONSENT.code());
    assertThat(r.err()).contains("no answer from the browser within 2s");
    assertThat(r.err()).doesNotContain("Exception:").doesNotContain("\tat ");
    assertThat(browser.forgedAnswer.join().statusCode()).isEqualTo(400);
    assertThat(browser.forgedAnswer.join().body()).contains("Not the answer mailtoken is waiting for");
    assertThat(cli.provider.requestCount(Endpoint.TOKEN)).isZero();
    assertThat(cli.run("accounts", "list").err()).contains("no accounts");
  }

  @Test
  void givenNoBrowserAnswer_whenTimeoutPasses_thenConsentExitCodeAndClearMessage() {
    cli.withDesktopApp();
    cli.browser = Browser.none();

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "200ms");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CONSENT.code());
    assertThat(r.err()).contains("no answer from the browser within", "--timeout");
  }

  @Test
  void givenAppAlreadyAuthorized_whenAuthorizingWithoutForceConsent_thenExplainsMissingRefreshToken()
      throws IOException {
    int port = freePort();
    cli.provider.registerClient(ClientRegistration.confidential(CliFixture.CLIENT_ID, CliFixture.CLIENT_SECRET)
        .redirectUri("http://127.0.0.1:" + port + "/callback").build());
    cli.addApp("test");
    cli.authorize("--port", Integer.toString(port));

    CliRun again = cli.run("authorize", "--app", "test", "--port", Integer.toString(port), "--timeout", "20s");

    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(again.err()).contains("no refresh token", "--force-consent", "myaccount.google.com/permissions");
    CliRun forced = cli.run("authorize", "--app", "test", "--port", Integer.toString(port), "--force-consent",
        "--timeout", "20s");
    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(forced.out()).contains("re-authorized alice@example.com");
  }

  @Test
  void givenUserUnticksGmail_whenConsentReturns_thenScopeNotGrantedIsExplained() {
    cli.withDesktopApp();
    cli.provider.consent(ConsentDecision.grant(List.of("openid", "email")));

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("https://mail.google.com/", "tick");
    assertThat(cli.run("accounts", "list").err()).contains("no accounts");
  }

  @Test
  void givenUserDenies_whenConsentReturns_thenConsentExitCode() {
    cli.withDesktopApp();
    cli.provider.consent(ConsentDecision.deny());

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONSENT.code());
    assertThat(r.err()).contains("access_denied");
  }

  @Test
  void givenUnknownApp_whenAuthorizing_thenConfigurationExitCodeWithHint() {
    CliRun r = cli.run("authorize", "--app", "nope");

    assertThat(r.exitCode()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("no app named \"nope\"", "hint: ", "apps add");
  }

  @Test
  void givenMicrosoftApp_whenAuthorizing_thenLocalhostRedirectOnAnyPortAndSmtpScopeStored(@TempDir Path msHome) {
    try (CliFixture ms = new CliFixture(msHome, b -> b.mode(EmulatorMode.MICROSOFT))) {
      ms.withMicrosoftApp();

      CliRun r = ms.run("authorize", "--app", "test", "--account", "bob@contoso.com", "--timeout", "20s");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.err()).contains("redirect_uri=http%3A%2F%2Flocalhost%3A");
      assertThat(ms.run("accounts", "show", "bob@contoso.com").out()).contains("https://outlook.office.com/SMTP.Send");
    }
  }

  @Test
  void givenRegisteredRedirectWithPath_whenAuthorizing_thenThatPathIsServed() throws IOException {
    cli.provider.registerClient(ClientRegistration.desktop(CliFixture.CLIENT_ID, CliFixture.CLIENT_SECRET)
        .redirectUri("http://127.0.0.1/oauth2/done").build());
    cli.addApp("test", "--redirect-uri", "http://127.0.0.1/oauth2/done");

    CliRun r = cli.run("authorize", "--app", "test", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A").contains("%2Foauth2%2Fdone");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Records the URL; optionally plays a forged callback (the real redirect with another state). */
  static final class RecordingBrowser implements Browser {
    private final boolean forgeState;
    volatile URI opened;
    final CompletableFuture<HttpResponse<String>> forgedAnswer = new CompletableFuture<>();

    RecordingBrowser(boolean forgeState) {
      this.forgeState = forgeState;
    }

    @Override
    public boolean open(URI uri) {
      opened = uri;
      if (forgeState) {
        CompletableFuture.runAsync(() -> {
          try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<Void> consent = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.discarding());
            String location = consent.headers().firstValue("Location").orElseThrow();
            URI forged = URI.create(location.replaceAll("state=[^&]*", "state=forged-by-an-attacker"));
            forgedAnswer.complete(http.send(HttpRequest.newBuilder(forged).build(),
                HttpResponse.BodyHandlers.ofString()));
          } catch (IOException | InterruptedException e) {
            forgedAnswer.completeExceptionally(e);
          }
        });
      }
      return forgeState;
    }
  }
}
