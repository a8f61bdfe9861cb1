package dev.mailtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send} as scripts use it: the body from standard input ({@code --text -}, {@code --file -}),
 * a ready-made message ({@code --raw FILE|-}), {@code --bcc}, {@code --reply-to} and
 * {@code --header}; what is wrong locally is a usage error before any connection.
 */
class SendFromScriptsTest {
  private static final String USER = CliFixture.USER;

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

  private CliRun piped(String stdin, String... args) {
    cli.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    List<String> all = new ArrayList<>(List.of("send"));
    all.addAll(List.of(args));
    return cli.run(all.toArray(String[]::new));
  }

  private CliRun send(String... args) {
    return piped("", args);
  }

  private ReceivedMessage received() {
    assertThat(cli.smtp().messages()).hasSize(1);
    return cli.smtp().messages().get(0);
  }

  private void assertNothingSentNorConnected() {
    assertThat(cli.smtp().messages()).isEmpty();
    assertThat(cli.smtp().connectionCount()).isZero();
  }

  @Test
  void givenTextDash_whenTheBodyIsPiped_thenItIsThePlainTextBody() {
    CliRun r = piped("Filesystem  Size\n/dev/sda1   20G\n", "--from", USER, "--to", "ops@example.net", "--subject",
        "disk", "--text", "-");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(received().text()).contains("text/plain", "/dev/sda1   20G");
  }

  @Test
  void givenFileDash_whenTheBodyIsPiped_thenItIsSentAsPlainText() {
    CliRun r = piped("from a pipe\n", "--from", USER, "--to", "ops@example.net", "--subject", "s", "--file", "-");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(received().text()).contains("text/plain", "from a pipe");
  }

  @Test
  void givenHtmlDash_whenTheBodyIsPiped_thenItIsAnHtmlBody() {
    CliRun r = piped("<p>report</p>", "--from", USER, "--to", "ops@example.net", "--subject", "s", "--html", "-");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(received().text()).contains("text/html", "<p>report</p>");
  }

  @Test
  void givenBcc_whenSending_thenTheAddressIsInTheEnvelopeOnly() {
    CliRun r = send("--from", USER, "--to", "bob@example.net", "--bcc", "audit@example.net,archive@example.net",
        "--subject", "s", "--text", "t");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(received().recipients()).containsExactlyInAnyOrder("bob@example.net", "audit@example.net",
        "archive@example.net");
    assertThat(received().text()).doesNotContain("audit@").doesNotContainIgnoringCase("bcc:");
  }

  @Test
  void givenReplyToAndHeaders_whenSending_thenTheyAreInTheMessageAndNonAsciiIsEncoded() {
    CliRun r = send("--from", USER, "--to", "bob@example.net", "--subject", "Re: plan", "--text", "ok",
        "--reply-to", "team@example.net", "--header", "In-Reply-To: <42@example.net>",
        "--header", "X-Report: Grüße", "--header", "Message-ID: <fixed-1@example.com>");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("sent <fixed-1@example.com>");
    assertThat(received().text()).contains("Reply-To: team@example.net", "In-Reply-To: <42@example.net>",
        "X-Report: =?UTF-8?", "Message-ID: <fixed-1@example.com>");
  }

  @Test
  void givenHeaderThatAnOptionSets_whenSending_thenUsageErrorNamingTheOption() {
    CliRun r = send("--from", USER, "--to", "bob@example.net", "--subject", "s", "--text", "t",
        "--header", "Subject: other");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("--header Subject is set by send itself; use --subject");
    assertNothingSentNorConnected();
  }

  @Test
  void givenMalformedHeaders_whenSending_thenEachIsAUsageError() {
    for (String header : List.of("NoColonHere", "Bad Name: x", "X-Multi: one\ntwo")) {
      CliRun r = send("--from", USER, "--to", "bob@example.net", "--subject", "s", "--text", "t", "--header", header);

      assertThat(r.exitCode()).as(header).isEqualTo(ExitCode.USAGE.code());
      assertThat(r.err()).as(header).contains("--header");
    }
    assertNothingSentNorConnected();
  }

  @Test
  void givenAddressThatIsNoAddress_whenSending_thenUsageErrorNamingItBeforeConnecting() {
    CliRun r = send("--from", USER, "--to", "bob@example.net,not an address", "--subject", "s", "--text", "t");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("--to not an address is not a mail address");
    assertNothingSentNorConnected();
  }

  @Test
  void givenNoRecipient_whenSendingWithoutRaw_thenUsageError() {
    CliRun r = send("--from", USER, "--subject", "s", "--text", "t");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("send needs a recipient");
  }

  @Test
  void givenMissingAttachment_whenSending_thenUsageErrorNamingTheFileBeforeConnecting() {
    Path missing = home.resolve("missing.pdf");

    CliRun r = send("--from", USER, "--to", "bob@example.net", "--subject", "s", "--text", "t",
        "--attach", missing.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("cannot attach " + missing + ": there is no such file");
    assertNothingSentNorConnected();
  }

  @Test
  void givenRawFile_whenSending_thenTheBytesGoAsTheyAreWithoutBccToTheHeaderRecipients() throws Exception {
    String message = "From: Alice <" + USER + ">\r\nTo: bob@example.net\r\nBcc: audit@example.net\r\n"
        + "Subject: raw\r\nMessage-ID: <raw-1@example.com>\r\nX-Kept:   odd   spacing\r\n\r\nbody line\r\n";
    Path file = Files.writeString(home.resolve("message.eml"), message);

    CliRun r = send("--raw", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("sent <raw-1@example.com>");
    ReceivedMessage m = received();
    assertThat(m.envelopeFrom()).isEqualTo(USER);
    assertThat(m.recipients()).containsExactly("bob@example.net", "audit@example.net");
    assertThat(m.text()).isEqualTo(message.replace("Bcc: audit@example.net\r\n", ""));
  }

  @Test
  void givenRawOnStdinAndTo_whenSending_thenTheEnvelopeHasTheToAddressesOnly() {
    CliRun r = piped("From: " + USER + "\nTo: list@example.net\nSubject: s\n\nbody\n", "--raw", "-",
        "--to", "bob@example.net");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(received().recipients()).containsExactly("bob@example.net");
    assertThat(received().text()).contains("To: list@example.net");
  }

  @Test
  void givenRawWithAnOptionThatBuildsAMessage_whenSending_thenUsageError() {
    CliRun r = piped("From: " + USER + "\nTo: bob@example.net\n\nbody\n", "--raw", "-", "--subject", "x");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("--raw sends the message as it is");
    assertNothingSentNorConnected();
  }

  @Test
  void givenRawWithoutFromFieldOrOption_whenSending_thenUsageErrorAskingForFrom() {
    CliRun r = piped("To: bob@example.net\nSubject: s\n\nbody\n", "--raw", "-");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(r.err()).contains("has no From field", "--from ACCOUNT");
  }
}
