package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.SmtpStyle;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailtoken doctor --smtp}: a live SMTP AUTH against the emulator in Gmail and Exchange style, nothing sent. */
class DoctorSmtpCheckTest {
  static final String SMTP_SEND = "https://outlook.office.com/SMTP.Send";

  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  @Test
  void givenHealthyGmailAccount_whenDoctorSmtp_thenAuthAcceptedAndNothingSent() {
    try (CliFixture cli = gmail()) {
      cli.authorize();

      CliRun r = cli.run("doctor", CliFixture.USER, "--smtp");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.out()).contains("[ok]      " + CliFixture.USER + ": SMTP AUTH XOAUTH2 accepted by 127.0.0.1:");
      assertThat(cli.smtp().style()).isEqualTo(SmtpStyle.GMAIL);
      assertThat(cli.smtp().authAttempts()).anyMatch(a -> a.accepted());
      assertThat(cli.smtp().messages()).isEmpty();
    }
  }

  @Test
  void givenGmailSendOnlyToken_whenDoctorSmtp_thenExplains578AndTheJsonScope() {
    try (CliFixture cli = gmail()) {
      cli.importAccount("bob@example.com", List.of(Diagnoses.GMAIL_SEND));

      CliRun r = cli.run("doctor", "bob@example.com", "--smtp");

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILURE.code());
      assertThat(r.out()).contains("[problem] bob@example.com: Gmail's SMTP server refused the token", "5.7.8",
          "JSON status 400, scope https://mail.google.com/", "gmail.send but not https://mail.google.com/",
          "--transport gmail-api");
      assertThat(cli.smtp().messages()).isEmpty();
    }
  }

  @Test
  void givenRejectedToken_whenDoctorSmtp_thenNoIssuedSecretAppearsInTheOutput() {
    try (CliFixture cli = gmail()) {
      cli.importAccount("bob@example.com", List.of(Diagnoses.GMAIL_SEND));

      CliRun r = cli.run("doctor", "bob@example.com", "--smtp", "--refresh");

      assertThat(r.out()).contains("refused the token");
      assertThat(cli.provider.issuedSecrets()).isNotEmpty().allSatisfy(s -> assertThat(r.all()).doesNotContain(s));
    }
  }

  @Test
  void givenGraphTokenForExchangeSmtp_whenDoctorSmtp_thenExplains573AudienceAndSmtpSend(@TempDir Path msHome) {
    try (CliFixture ms = exchange(msHome)) {
      ms.importAccount("bob@contoso.com", List.of("https://graph.microsoft.com/Mail.Send", "offline_access"));

      CliRun r = ms.run("doctor", "bob@contoso.com", "--smtp");

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILURE.code());
      assertThat(r.out()).contains("Exchange Online refused the token", "5.7.3", "audience",
          "https://outlook.office.com", "SMTP.Send", "--transport graph");
    }
  }

  @Test
  void givenTenantWithSmtpAuthDisabled_whenDoctorSmtp_thenExplains57139(@TempDir Path msHome) {
    try (CliFixture ms = exchange(msHome)) {
      ms.importAccount("bob@contoso.com", List.of(SMTP_SEND, "offline_access"));
      ms.smtp().disableSmtpAuthForTenant();

      CliRun r = ms.run("doctor", "bob@contoso.com", "--smtp");

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILURE.code());
      assertThat(r.out()).contains("5.7.139", "SMTP AUTH", "Set-CASMailbox");
    }
  }

  @Test
  void givenHealthyExchangeAccount_whenDoctorSmtp_thenAuthAccepted(@TempDir Path msHome) {
    try (CliFixture ms = exchange(msHome)) {
      ms.importAccount("bob@contoso.com", List.of(SMTP_SEND, "offline_access"));

      CliRun r = ms.run("doctor", "bob@contoso.com", "--smtp");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(ms.smtp().style()).isEqualTo(SmtpStyle.EXCHANGE);
      assertThat(r.out()).contains("SMTP AUTH XOAUTH2 accepted");
    }
  }

  @Test
  void givenSmtpAndOffline_whenDoctor_thenUsageError() {
    try (CliFixture cli = CliFixture.google(home)) {
      CliRun r = cli.run("doctor", "--smtp", "--offline");

      assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
      assertThat(r.err()).contains("--smtp needs the network");
    }
  }

  private CliFixture gmail() {
    CliFixture cli = CliFixture.google(home);
    cli.withDesktopApp(cli.smtpArgs());
    logs.forbidAll(cli.provider::issuedSecrets);
    return cli;
  }

  private CliFixture exchange(Path msHome) {
    CliFixture ms = new CliFixture(msHome, b -> b.mode(EmulatorMode.MICROSOFT));
    ms.withMicrosoftApp(ms.smtpArgs());
    logs.forbidAll(ms.provider::issuedSecrets);
    return ms;
  }
}
