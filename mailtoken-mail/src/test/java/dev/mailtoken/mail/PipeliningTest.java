package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 2920 pipelining over sockets: {@link PipelineProbe} shows whether MAIL, RCPT and DATA went out
 * before MAIL was answered; the SMTP emulator (which advertises PIPELINING) shows, with pipelining on
 * and off, that every outcome is the same.
 */
class PipeliningTest {
  private static final String NOBODY = "nobody@example.org";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;
  private Mailer mailer;
  private PipelineProbe probe;

  @AfterEach
  void stop() throws Exception {
    if (mailer != null) {
      mailer.close();
    }
    if (probe != null) {
      probe.close();
    }
    rig.close();
  }

  private Mailer probeMailer(boolean advertise, boolean pipelining) throws Exception {
    probe = new PipelineProbe(advertise);
    return rig.mailer(SmtpServer.builder().host("127.0.0.1").port(probe.port()).security(SmtpSecurity.NONE)
        .allowPlaintextAuth(true).pipelining(pipelining).build());
  }

  @Test
  void givenServerAdvertisesPipelining_whenSending_thenRcptAndDataAreWrittenBeforeMailIsAnswered() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    mailer = probeMailer(true, true);

    mailer.send(MailRig.message(alice, "bob@example.org", "pipelined"));

    assertThat(probe.mailPipelined()).containsExactly(true);
    assertThat(probe.commands()).containsSubsequence("MAIL FROM:<alice@example.com>", "RCPT TO:<bob@example.org>",
        "DATA");
    assertThat(probe.messages()).isEqualTo(1);
  }

  @Test
  void givenServerAdvertisesPipelining_whenSending_thenMailRcptAndDataLeaveInOneWrite() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    mailer = probeMailer(true, true);

    for (int i = 0; i < 20; i++) {
      mailer.send(MailRig.message(alice, "bob@example.org", "one segment " + i));
    }

    // written together, the three commands reach the server in one read; written one by one, in up to three
    assertThat(probe.readsPerEnvelope()).hasSize(20).containsOnly(1);
  }

  @Test
  void givenServerDoesNotAdvertisePipelining_whenSending_thenEachCommandWaitsForItsReplyAndTheMessageIsDelivered()
      throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    mailer = probeMailer(false, true);

    mailer.send(MailRig.message(alice, "bob@example.org", "one at a time"));

    assertThat(probe.mailPipelined()).containsExactly(false);
    assertThat(probe.messages()).isEqualTo(1);
  }

  @Test
  void givenPipeliningSwitchedOff_whenSendingToAServerThatAdvertisesIt_thenCommandsAreNotPipelined() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    mailer = probeMailer(true, false);

    mailer.send(MailRig.message(alice, "bob@example.org", "switched off"));

    assertThat(probe.mailPipelined()).containsExactly(false);
    assertThat(probe.messages()).isEqualTo(1);
  }

  @Test
  void givenTwoRecipientsOneRefused_whenSendingPipelined_thenRecipientRejectedNothingSentAndTheConnectionIsReused()
      throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    mailer = probeMailer(true, true);
    MimeMessage m = MailRig.message(alice, "bob@example.org", "two");
    m.addRecipient(Message.RecipientType.CC, new InternetAddress("refused@example.org"));

    assertThatThrownBy(() -> mailer.send(m))
        .isInstanceOfSatisfying(RecipientRejectedException.class,
            e -> assertThat(e.recipients()).containsExactly("refused@example.org"));
    mailer.send(MailRig.message(alice, "bob@example.org", "next"));

    // MAIL and both RCPTs pipelined; DATA not, so the server never entered data mode for the refused envelope
    assertThat(probe.mailPipelined()).containsExactly(true, true);
    assertThat(probe.commands()).containsSubsequence("RCPT TO:<refused@example.org>", "RSET", "MAIL FROM:<alice@example.com>");
    assertThat(probe.commands()).filteredOn("DATA"::equals).hasSize(1);
    assertThat(probe.messages()).isEqualTo(1);
  }

  @Test
  void givenServerAnswers354AfterRefusingTheOnlyRecipient_whenSending_thenRecipientRejectedNothingSentAndANewConnection()
      throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    mailer = probeMailer(true, true);

    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, "refused@example.org", "one refused")))
        .isInstanceOfSatisfying(RecipientRejectedException.class,
            e -> assertThat(e.recipients()).containsExactly("refused@example.org"));
    mailer.send(MailRig.message(alice, "bob@example.org", "next"));

    // the server sat in data mode: the connection was closed (no "." written), and the next send opened another
    assertThat(probe.messages()).isEqualTo(1);
    assertThat(probe.commands()).filteredOn(c -> c.startsWith("EHLO")).hasSize(2);
    assertThat(probe.commands()).doesNotContain("RSET", "QUIT");
  }

  @Test
  void givenStartTlsServer_whenPipelining_thenTheFirstSocketIsMadeWithoutNagleDelay() throws Exception {
    rig = MailRig.gmail(logs);
    SmtpServer server = SmtpServer.builder().host("smtp.example.org").build();

    Object factory = server.sessionProperties().get("mail.smtp.socketFactory");

    assertThat(factory).isInstanceOf(PipeliningSocketFactory.class);
    try (java.net.Socket s = ((PipeliningSocketFactory) factory).createSocket()) {
      assertThat(s.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void givenImplicitTlsOrPipeliningOff_whenSessionProperties_thenNoWriteBehindSockets() throws Exception {
    rig = MailRig.gmail(logs);
    SmtpServer implicit = SmtpServer.builder().host("smtp.example.org").security(SmtpSecurity.IMPLICIT_TLS).build();
    SmtpServer off = SmtpServer.builder().host("smtp.example.org").pipelining(false).build();

    // implicit TLS layers on Angus's own plain socket; without pipelining, plain sockets as Angus makes them
    assertThat(implicit.sessionProperties()).doesNotContainKey("mail.smtp.socketFactory");
    try (java.net.Socket s = ((PipeliningSocketFactory) off.sessionProperties().get("mail.smtp.socketFactory"))
        .createSocket()) {
      assertThat(s).isNotInstanceOf(WriteBehindSocket.class);
      assertThat(s.getTcpNoDelay()).isFalse();
    }
  }

  @ParameterizedTest(name = "pipelining={0}")
  @ValueSource(booleans = {true, false})
  void givenEmulator_whenSending_thenTheMessageArrivesIntact(boolean pipelining) throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    mailer = rig.mailer(rig.server().pipelining(pipelining).build());

    SendResult sent = mailer.send(MailRig.message(alice, "bob@example.org", "intact"));

    assertThat(sent.serverReply()).startsWith("250");
    assertThat(rig.smtp.messages()).singleElement().satisfies(m -> {
      assertThat(m.envelopeFrom()).isEqualTo(alice);
      assertThat(m.recipients()).containsExactly("bob@example.org");
      assertThat(m.text()).contains("Subject: intact", "Hello from mailtoken: intact");
    });
  }

  @ParameterizedTest(name = "pipelining={0}")
  @ValueSource(booleans = {true, false})
  void givenTheOnlyRecipientRefused_whenSending_thenRecipientRejectedAndTheNextSendUsesTheSameConnection(boolean pipelining)
      throws Exception {
    rig = MailRig.gmail(logs);
    rig.smtp.rejectRecipient(NOBODY);
    String alice = rig.account("alice@example.com");
    mailer = rig.mailer(rig.server().pipelining(pipelining).build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, NOBODY, "to nobody")))
        .isInstanceOfSatisfying(RecipientRejectedException.class, e -> {
          assertThat(e.recipients()).containsExactly(NOBODY);
          assertThat(e.serverReply()).contains("5.1.1");
        });
    mailer.send(MailRig.message(alice, "bob@example.org", "to bob"));

    assertThat(rig.smtp.connectionCount()).isEqualTo(1);
    assertThat(rig.smtp.messages()).singleElement()
        .satisfies(m -> assertThat(m.recipients()).containsExactly("bob@example.org"));
  }

  @ParameterizedTest(name = "pipelining={0}")
  @ValueSource(booleans = {true, false})
  void givenGmailLimitAtMail_whenSending_thenSendingLimitAndTheNextSendIsDelivered(boolean pipelining) throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    rig.smtp.dailyLimit(alice, 1);
    mailer = rig.mailer(rig.server().pipelining(pipelining).build());
    mailer.send(MailRig.message(alice, "bob@example.org", "within limit"));

    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, "bob@example.org", "over limit")))
        .isInstanceOfSatisfying(SendingLimitException.class, e -> assertThat(e.serverReply()).contains("550", "5.4.5"));
    rig.smtp.dailyLimit(alice, 10);
    mailer.send(MailRig.message(alice, "bob@example.org", "limit raised"));

    assertThat(rig.smtp.messages()).hasSize(2);
    assertThat(rig.smtp.authAttempts()).hasSize(2); // the refused send's connection is replaced, as always
  }

  @ParameterizedTest(name = "pipelining={0}")
  @ValueSource(booleans = {true, false})
  void givenServerAnswers421AtMail_whenSending_thenReconnectsAndDeliversOnce(boolean pipelining) throws Exception {
    rig = MailRig.gmail(logs);
    rig.smtp.faults().closeExpiredSessions(true);
    String alice = "alice@example.com";
    rig.tokens.register(new Account(alice, new CallbackGrant((account, renew) -> AccessToken.of(
        rig.provider.issueAccessToken(MailRig.CLIENT_ID, account, List.of(rig.scope())),
        rig.clock.instant().plus(Duration.ofHours(2))))));
    mailer = rig.mailer(rig.server().idleTimeout(Duration.ofDays(1)).pipelining(pipelining).build());
    mailer.send(MailRig.message(alice, "bob@example.org", "fresh"));
    rig.clock.advance(Duration.ofMinutes(61)); // the server's token expired: its next command gets 421

    mailer.send(MailRig.message(alice, "bob@example.org", "aged"));

    // 421, then a new connection whose cached token the server rejects: renewed, reconnected, delivered
    assertThat(rig.smtp.connectionCount()).isEqualTo(3);
    assertThat(rig.smtp.messages()).extracting(m -> m.text().contains("Subject: aged")).containsExactly(false, true);
  }
}
