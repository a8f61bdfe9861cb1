package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ConsentDecision;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authorize --manual}: the consent happens in a browser elsewhere (here an HTTP client that
 * does not follow the redirect to 127.0.0.1), and the redirected address is pasted on stdin.
 */
class ManualAuthorizeTest {
  private static final Pattern CONSENT_URL = Pattern.compile("^  (http://\\S+)$", Pattern.MULTILINE);

  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home).withDesktopApp();
    cli.browser = uri -> {
      throw new AssertionError("--manual must not open a browser");
    };
    logs.forbidAll(cli.provider::issuedSecrets);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  /** Stdin that, when read, consents to the URL the run printed and "pastes" what {@code edit} makes of the redirect. */
  private InputStream pasting(UnaryOperator<String> edit) {
    return new InputStream() {
      private InputStream answer;

      @Override
      public int read() throws IOException {
        if (answer == null) {
          answer = new ByteArrayInputStream((edit.apply(redirectAfterConsent()) + "\n")
              .getBytes(StandardCharsets.UTF_8));
        }
        return answer.read();
      }
    };
  }

  private String redirectAfterConsent() {
    Matcher m = CONSENT_URL.matcher(cli.liveErr.toString());
    if (!m.find()) {
      throw new AssertionError("no consent URL printed before stdin was read: " + cli.liveErr);
    }
    try {
      HttpResponse<Void> consent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1)))
          .build(), HttpResponse.BodyHandlers.discarding());
      return consent.headers().firstValue("Location").orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void givenRedirectPastedBack_whenManual_thenCodeExchangedWithPkceAndAccountStored() {
    cli.stdin = pasting(location -> "  " + location + "  ");

    CliRun r = cli.run("authorize", "--app", "test", "--manual", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("authorized alice@example.com");
    assertThat(r.err()).contains("paste it here", "waiting for the pasted address").doesNotContain("opened");
    assertThat(cli.provider.requests(Endpoint.TOKEN).get(0).param("code_verifier")).isPresent();
  }

  @Test
  void givenPastedRedirectWithAnotherState_whenManual_thenConsentErrorAndNoCodeExchange() {
    cli.stdin = pasting(location -> location.replaceAll("state=[^&]*", "state=from-another-attempt"));

    CliRun r = cli.run("authorize", "--app", "test", "--manual", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONSENT.code());
    assertThat(r.err()).contains("state that does not match", "hint: paste the address");
    assertThat(cli.provider.requestCount(Endpoint.TOKEN)).isZero();
  }

  @Test
  void givenPastedError_whenManual_thenConsentDeniedExitCode() {
    cli.provider.consent(ConsentDecision.deny());
    cli.stdin = pasting(location -> location);

    CliRun r = cli.run("authorize", "--app", "test", "--manual", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONSENT.code());
    assertThat(r.err()).contains("access_denied");
  }

  @Test
  void givenOnlyTheCodePasted_whenManual_thenAskedForTheWholeAddress() {
    cli.stdin = pasting(location -> "4/0AbCdEf");

    CliRun r = cli.run("authorize", "--app", "test", "--manual", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONSENT.code());
    assertThat(r.err()).contains("not the address the provider redirected to", "the code alone is not enough");
    assertThat(cli.provider.requestCount(Endpoint.TOKEN)).isZero();
  }

  @Test
  void givenNothingOnStdin_whenManual_thenSaysNothingWasPasted() {
    CliRun r = cli.run("authorize", "--app", "test", "--manual", "--timeout", "20s");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONSENT.code());
    assertThat(r.err()).contains("no address was pasted");
  }

  @Test
  void givenManualAndBrowserOption_whenAuthorizing_thenUsageError() {
    CliRun r = cli.run("authorize", "--app", "test", "--manual", "--browser", "firefox");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("--manual opens no browser");
  }
}
