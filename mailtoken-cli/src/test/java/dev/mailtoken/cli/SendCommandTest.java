package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailtoken send} over the SMTP emulator (STARTTLS, XOAUTH2) and the Gmail API emulator. */
class SendCommandTest {
  @TempDir
  Path home;

  @RegisterExtension
  LogCapture logs = new LogCapture();

  CliFixture cli;

  @BeforeEach
  void start() {
    cli = CliFixture.google(home);
    cli.withDesktopApp(cli.smtpArgs());
    cli.authorize();
    logs.forbidAll(cli.provider::issuedSecrets);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void givenAuthorizedAccount_whenSendingText_thenSmtpServerReceivesItAuthenticatedAsTheAccount() {
    CliRun r = cli.run("send", "--from", CliFixture.USER, "--to", "bob@example.net", "--cc", "carol@example.net",
        "--subject", "Quarterly numbers", "--text", "Hello Bob");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("sent <", "via smtp", "server reply: 250");
    ReceivedMessage m = cli.smtp().messages().get(0);
    assertThat(m.authenticatedUser()).isEqualTo(CliFixture.USER);
    assertThat(m.recipients()).containsExactlyInAnyOrder("bob@example.net", "carol@example.net");
    assertThat(m.text()).contains("Subject: Quarterly numbers", "Hello Bob");
  }

  @Test
  void givenAttachment_whenSending_thenMultipartWithTheFile() throws Exception {
    Path file = Files.writeString(home.resolve("report.csv"), "a,b\n1,2\n");

    CliRun r = cli.run("send", "--from", CliFixture.USER, "--to", "bob@example.net", "--subject", "Report",
        "--html", "<b>see attached</b>", "--attach", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(cli.smtp().messages().get(0).text()).contains("multipart/mixed", "report.csv", "text/html");
  }

  @Test
  void givenGmailApiTransport_whenSending_thenEmulatorApiReceivesIt() {
    CliRun r = cli.run("send", "--from", CliFixture.USER, "--to", "bob@example.net", "--subject", "Via API",
        "--text", "hi", "--transport", "gmail-api", "--api-base", cli.provider.baseUri().toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("via gmail-api");
    assertThat(cli.provider.apiMessages()).hasSize(1);
  }

  @Test
  void givenNoBody_whenSending_thenUsageError() {
    CliRun r = cli.run("send", "--from", CliFixture.USER, "--to", "bob@example.net", "--subject", "x");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("--text", "--html", "--file");
  }

  @Test
  void givenTenantWithSmtpAuthDisabled_whenSendingToExchange_thenConfigurationExitNamingTheFix(
      @TempDir Path msHome) {
    try (CliFixture ms = new CliFixture(msHome, b -> b.mode(EmulatorMode.MICROSOFT))) {
      ms.withMicrosoftApp(ms.smtpArgs());
      ms.importAccount("bob@contoso.com", List.of("https://outlook.office.com/SMTP.Send", "offline_access"));
      ms.smtp().disableSmtpAuthForTenant();

      CliRun r = ms.run("send", "--from", "bob@contoso.com", "--to", "x@example.net", "--subject", "s", "--text", "t");

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFIGURATION.code());
      assertThat(r.err()).contains("Set-CASMailbox");
      assertThat(ms.smtp().messages()).isEmpty();
    }
  }
}
