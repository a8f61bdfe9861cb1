package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailtoken sendmail}, in-process against the SMTP emulator: the message on standard input,
 * sendmail's flags, the account chosen from {@code -f}, From or {@code MAILTOKEN_SENDMAIL_ACCOUNT},
 * and sysexits exit codes.
 */
class SendmailCommandTest {
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

  private CliRun sendmail(String message, String... args) {
    cli.stdin = new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8));
    String[] all = new String[args.length + 1];
    all[0] = "sendmail";
    System.arraycopy(args, 0, all, 1, args.length);
    return cli.run(all);
  }

  private ReceivedMessage received() {
    assertThat(cli.smtp().messages()).hasSize(1);
    return cli.smtp().messages().get(0);
  }

  @Test
  void givenMessageAndRecipientArgument_whenSendmail_thenSentAsTheFromAccountSilently() {
    CliRun r = sendmail("From: " + CliFixture.USER + "\nSubject: report\n\nall good\n", "-i", "bob@example.net");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.all().strip()).isEmpty();
    ReceivedMessage m = received();
    assertThat(m.authenticatedUser()).isEqualTo(CliFixture.USER);
    assertThat(m.envelopeFrom()).isEqualTo(CliFixture.USER);
    assertThat(m.recipients()).containsExactly("bob@example.net");
    assertThat(m.text()).contains("Subject: report", "all good").containsPattern("(?m)^Date: ")
        .containsPattern("(?m)^Message-ID: <");
  }

  @Test
  void givenDashT_whenSendmail_thenRecipientsFromToCcAndBccAndTheBccFieldRemoved() {
    CliRun r = sendmail("From: " + CliFixture.USER + "\nTo: Bob <bob@example.net>\nCc: carol@example.net\n"
        + "Bcc: dave@example.net,\n  erin@example.net\nSubject: s\n\nbody\n", "-t", "-i", "frank@example.net");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    ReceivedMessage m = received();
    assertThat(m.recipients()).containsExactly("frank@example.net", "bob@example.net", "carol@example.net",
        "dave@example.net", "erin@example.net");
    assertThat(m.text()).doesNotContainIgnoringCase("bcc:").doesNotContain("erin@").contains("To: Bob <bob@example.net>");
  }

  @Test
  void givenNoDashI_whenALineHoldsASingleDot_thenTheMessageEndsThere() {
    CliRun r = sendmail("From: " + CliFixture.USER + "\nSubject: s\n\nbefore\n.\nafter\n", "bob@example.net");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(received().text()).contains("before").doesNotContain("after");
  }

  @Test
  void givenDashOi_whenALineHoldsASingleDot_thenItIsPartOfTheMessage() {
    CliRun r = sendmail("From: " + CliFixture.USER + "\nSubject: s\n\nbefore\n.\nafter\n", "-oi", "bob@example.net");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(received().text()).contains("before\r\n.\r\nafter");
  }

  @Test
  void givenCronStyleMessageAndTheDefaultAccount_whenSendmail_thenSentAsTheAccountKeepingTheName() {
    cli.env.put("MAILTOKEN_SENDMAIL_ACCOUNT", CliFixture.USER);

    CliRun r = sendmail("From: root (Cron Daemon)\nTo: bob@example.net\nSubject: Cron <root@host> backup\n\nok\n",
        "-FCronDaemon", "-i", "-B8BITMIME", "-oem", "-odi", "bob@example.net");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(received().authenticatedUser()).isEqualTo(CliFixture.USER);
    assertThat(received().text()).contains("From: Cron Daemon <" + CliFixture.USER + ">");
  }

  @Test
  void givenNoFromFieldAndDashF_whenSendmail_thenAFromFieldNamesTheAccount() {
    CliRun r = sendmail("Subject: s\n\nbody\n", "-i", "-f", CliFixture.USER, "-F", "Build Bot", "bob@example.net");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(received().text()).contains("From: Build Bot <" + CliFixture.USER + ">");
  }

  @Test
  void givenVerbose_whenSent_thenWhatWasSentIsPrinted() {
    CliRun r = sendmail("From: " + CliFixture.USER + "\n\nbody\n", "-v", "-i", "bob@example.net");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("sent <", "as " + CliFixture.USER, "to bob@example.net", "server reply: 250");
  }

  @Test
  void givenNoStoredAccountAndNoDefault_whenSendmail_thenExNoUserAndNothingSent() {
    CliRun r = sendmail("From: someone@example.org\n\nbody\n", "-i", "bob@example.net");

    assertThat(r.exitCode()).isEqualTo(67);
    assertThat(r.err()).contains("mailtoken: no stored account to send as: someone@example.org is not a stored"
        + " account", "MAILTOKEN_SENDMAIL_ACCOUNT");
    assertThat(cli.smtp().messages()).isEmpty();
  }

  @Test
  void givenNoRecipients_whenSendmail_thenExUsage() {
    CliRun r = sendmail("From: " + CliFixture.USER + "\n\nbody\n", "-i");

    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.err()).contains("no recipients");
  }

  @Test
  void givenUnknownFlagOrDaemonMode_whenSendmail_thenExUsageNamingIt() {
    CliRun unknown = sendmail("From: " + CliFixture.USER + "\n\nbody\n", "-Q", "bob@example.net");
    CliRun daemon = sendmail("", "-bd");

    assertThat(unknown.exitCode()).isEqualTo(64);
    assertThat(unknown.err()).contains("unknown flag -Q");
    assertThat(daemon.exitCode()).isEqualTo(64);
    assertThat(daemon.err()).contains("-bd is a mode of the sendmail daemon");
  }

  @Test
  void givenEmptyInput_whenSendmail_thenExDataErr() {
    CliRun r = sendmail("", "-i", "bob@example.net");

    assertThat(r.exitCode()).isEqualTo(65);
    assertThat(r.err()).contains("no message on standard input");
  }

  @Test
  void givenUnreadableAddressField_whenDashT_thenExDataErrNamingTheField() {
    CliRun r = sendmail("From: " + CliFixture.USER + "\nTo: <bob@example.net\n\nbody\n", "-t", "-i");

    assertThat(r.exitCode()).isEqualTo(65);
    assertThat(r.err()).contains("the message's To field cannot be read as addresses");
  }

  @Test
  void givenLocalUserRecipient_whenSendmail_thenExNoUserWithTheCrontabHint() {
    CliRun r = sendmail("From: " + CliFixture.USER + "\n\nbody\n", "-i", "root");

    assertThat(r.exitCode()).isEqualTo(67);
    assertThat(r.err()).contains("recipient root is a local user name", "MAILTO=");
  }

  @Test
  void givenRecipientTheServerRefuses_whenSendmail_thenExNoUser() {
    cli.smtp().rejectRecipient("nobody@example.net");

    CliRun r = sendmail("From: " + CliFixture.USER + "\n\nbody\n", "-i", "nobody@example.net");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(67);
    assertThat(r.err()).contains("rejected recipient");
  }

  @Test
  void givenRevokedGrant_whenSendmailMustRefresh_thenExConfig() {
    cli.provider.revokeUser(CliFixture.USER);
    cli.clock.advance(java.time.Duration.ofHours(2));

    CliRun r = sendmail("From: " + CliFixture.USER + "\n\nbody\n", "-i", "bob@example.net");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(78);
    assertThat(cli.smtp().messages()).isEmpty();
  }

  @Test
  void givenUnreachableProvider_whenSendmailMustRefresh_thenExTempFail() {
    cli.provider.faults().always(dev.mailtoken.testkit.Endpoint.TOKEN, dev.mailtoken.testkit.Fault.status(503, "down"));
    cli.clock.advance(java.time.Duration.ofHours(2));

    CliRun r = sendmail("From: " + CliFixture.USER + "\n\nbody\n", "-i", "bob@example.net");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(75);
    assertThat(cli.smtp().messages()).isEmpty();
  }
}
