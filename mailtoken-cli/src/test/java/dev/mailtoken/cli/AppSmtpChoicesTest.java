package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testkit.TlsMode;
import dev.mailtoken.testsupport.LogCapture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apps add/update --smtp-security, --sasl}: stored on the app, used by {@code send},
 * {@code sendmail} and {@code doctor --smtp} unless a send names its own, shown by {@code apps list}.
 */
class AppSmtpChoicesTest {
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
    logs.forbidAll(cli.provider::issuedSecrets);
  }

  private CliRun send(String... extra) {
    String[] base = {"send", "--from", CliFixture.USER, "--to", "bob@example.net", "--subject", "Choices",
        "--text", "hi"};
    String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return cli.run(all);
  }

  private void update(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "apps";
    all[1] = "update";
    all[2] = "test";
    System.arraycopy(args, 0, all, 3, args.length);
    CliRun r = cli.run(all);
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void givenAppUpdatedToTlsForAnImplicitTlsServerOnAnotherPort_whenSendingWithoutOptions_thenSent() {
    start(b -> b.tls(TlsMode.IMPLICIT));

    update("--smtp-security", "tls");
    CliRun r = send();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.smtp().messages()).hasSize(1);
  }

  @Test
  void givenAppWithSaslOauthbearer_whenSending_thenOauthbearerIsUsedThoughXoauth2IsOffered() {
    start(UnaryOperator.identity());

    update("--sasl", "oauthbearer");
    CliRun r = send();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.smtp().messages()).extracting(ReceivedMessage::mechanism).containsExactly("OAUTHBEARER");
  }

  @Test
  void givenAppWithSaslOauthbearer_whenSendingWithSaslAuto_thenTheSendsChoiceWins() {
    start(UnaryOperator.identity());

    update("--sasl", "oauthbearer");
    CliRun r = send("--sasl", "auto");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.smtp().messages()).extracting(ReceivedMessage::mechanism).containsExactly("XOAUTH2");
  }

  @Test
  void givenAppWithTls_whenSendmailDelivers_thenItUsesTheAppsMode() {
    start(b -> b.tls(TlsMode.IMPLICIT));
    update("--smtp-security", "tls");
    cli.stdin = new ByteArrayInputStream(("From: " + CliFixture.USER + "\nSubject: cron\n\nok\n")
        .getBytes(StandardCharsets.UTF_8));

    CliRun r = cli.run("sendmail", "-i", "bob@example.net");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.smtp().messages()).hasSize(1);
  }

  @Test
  void givenAppWithSaslOauthbearer_whenDoctorChecksSmtp_thenItAuthenticatesWithOauthbearer() {
    start(UnaryOperator.identity());
    update("--sasl", "oauthbearer");

    CliRun r = cli.run("doctor", CliFixture.USER, "--smtp");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.all()).contains("SMTP AUTH OAUTHBEARER accepted");
  }

  @Test
  void givenAppUpdatedWithChoices_whenListed_thenTheyShowAndAutoClearsThem() {
    start(UnaryOperator.identity());

    update("--smtp-security", "starttls", "--sasl", "xoauth2");
    CliRun text = cli.run("apps", "list");
    CliRun json = cli.run("apps", "list", "--json");
    update("--smtp-security", "auto", "--sasl", "auto");

    assertThat(text.out()).contains("starttls xoauth2");
    assertThat(json.out()).contains("\"smtp_security\" : \"starttls\"", "\"sasl\" : \"xoauth2\"");
    assertThat(cli.run("apps", "list", "--json").out()).contains("\"smtp_security\" : null", "\"sasl\" : null");
  }

  @Test
  void givenSmtpSecurityNoneWithoutAllowPlaintext_whenUpdatingTheApp_thenUsageErrorAndUnchanged() {
    start(UnaryOperator.identity());

    CliRun r = cli.run("apps", "update", "test", "--smtp-security", "none");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("without TLS", "--allow-plaintext");
    assertThat(cli.run("apps", "list", "--json").out()).contains("\"smtp_security\" : null");
  }

  @Test
  void givenAppAddedWithNoneAndAllowPlaintext_whenSendingToALoopbackServerWithoutTls_thenSent() {
    cli = CliFixture.google(home);
    cli.smtp(b -> b.tls(TlsMode.NONE));
    String[] smtp = cli.smtpArgs();
    String[] args = java.util.Arrays.copyOf(smtp, smtp.length + 3);
    args[smtp.length] = "--smtp-security";
    args[smtp.length + 1] = "none";
    args[smtp.length + 2] = "--allow-plaintext";
    cli.withDesktopApp(args);
    cli.authorize();

    CliRun r = send();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.smtp().messages()).hasSize(1);
  }
}
