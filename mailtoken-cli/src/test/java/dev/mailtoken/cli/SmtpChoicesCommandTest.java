package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testkit.TlsMode;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send --smtp-security tls|starttls|none}, {@code --sasl auto|xoauth2|oauthbearer} and
 * {@code --allow-plaintext} against the SMTP emulator in each TLS mode and with OAUTHBEARER only.
 */
class SmtpChoicesCommandTest {
  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @AfterEach
  void stop() {
    if (cli != null) {
      cli.close();
    }
  }

  private void start(UnaryOperator<dev.mailtoken.testkit.SmtpEmulatorBuilder> smtp) {
    cli = CliFixture.google(home);
    cli.smtp(smtp);
    cli.withDesktopApp(cli.smtpArgs());
    cli.authorize();
  }

  private CliRun send(String... extra) {
    List<String> args = new ArrayList<>(List.of("send", "--from", CliFixture.USER, "--to", "bob@example.net",
        "--subject", "Choices", "--text", "hi"));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void givenImplicitTlsServerOnAnotherPortThan465_whenSendingWithSmtpSecurityTls_thenSent() {
    start(b -> b.tls(TlsMode.IMPLICIT));

    CliRun r = send("--smtp-security", "tls");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.smtp().messages()).hasSize(1);
  }

  @Test
  void givenStarttlsServer_whenSendingWithSmtpSecurityTls_thenConfigurationErrorSuggestingStarttls() {
    start(b -> b.tls(TlsMode.STARTTLS));

    CliRun r = send("--smtp-security", "tls");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("answered in plain text", "hint: send with --smtp-security starttls")
        .doesNotContain("try again later");
    assertThat(cli.smtp().authAttempts()).isEmpty();
  }

  @Test
  void givenServerOfferingOnlyOauthbearer_whenSendingWithTheDefaultSasl_thenSentWithOauthbearer() {
    start(b -> b.authMechanisms("OAUTHBEARER"));

    CliRun r = send();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.smtp().messages()).extracting(ReceivedMessage::mechanism).containsExactly("OAUTHBEARER");
  }

  @Test
  void givenServerOfferingOnlyOauthbearer_whenSendingWithSaslXoauth2_thenConfigurationErrorAndNoToken() {
    start(b -> b.authMechanisms("OAUTHBEARER"));

    CliRun r = send("--sasl", "xoauth2");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
    assertThat(r.err()).contains("does not offer XOAUTH2", "OAUTHBEARER", "--sasl auto");
    assertThat(cli.smtp().authAttempts()).isEmpty();
  }

  @Test
  void givenLoopbackServerWithoutTls_whenSendingWithNoneAndAllowPlaintext_thenSent() {
    start(b -> b.tls(TlsMode.NONE));

    CliRun r = send("--smtp-security", "none", "--allow-plaintext");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.smtp().messages()).hasSize(1);
  }

  @Test
  void givenSmtpSecurityNoneWithoutAllowPlaintext_whenSending_thenUsageErrorAndNothingSent() {
    start(b -> b.tls(TlsMode.NONE));

    CliRun r = send("--smtp-security", "none");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("without TLS", "--allow-plaintext");
    assertThat(cli.smtp().authAttempts()).isEmpty();
  }

  @Test
  void givenAnUnknownMechanism_whenSending_thenUsageErrorNamingTheValues() {
    start(UnaryOperator.identity());

    CliRun r = send("--sasl", "plain");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("--sasl must be auto, xoauth2 or oauthbearer");
  }
}
