package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testkit.AuthAttempt;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Raw message bytes with their envelope over SMTP: sent as they are, with the MimeMessage path's renewals and retries. */
class RawSmtpSendTest {
  private static final String ALICE = "alice@example.com";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;
  private PipelineProbe probe;

  @AfterEach
  void stop() throws Exception {
    if (probe != null) {
      probe.close();
    }
    rig.close();
  }

  /** Header fields, then a body with dot lines, 8-bit bytes and CRLF line ends. */
  private static byte[] rawMessage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("From: Alice <" + ALICE + ">\r\nTo: bob@example.org\r\nSubject: raw\r\n"
        + "Message-ID: <raw-1@example.com>\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + ".\r\n..two dots\r\n. space\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes("Grüße, 日本\r\n".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0x80, '\r', '\n', '.', '\r', '\n', 'e', 'n', 'd', '\r', '\n'});
    return out.toByteArray();
  }

  @Test
  void givenDotLines8BitBytesAndCrlf_whenSentRaw_thenTheServerReceivesTheBytesUnchanged() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Mailer mailer = rig.mailer(rig.server().build());
    byte[] message = rawMessage();

    SendResult result = mailer.send(Envelope.of(ALICE, "bob@example.org"), message);

    assertThat(rig.smtp.messages()).singleElement()
        .satisfies(m -> assertThat(m.data()).isEqualTo(message));
    assertThat(result.messageId()).isEqualTo("<raw-1@example.com>");
    assertThat(result.account()).isEqualTo(ALICE);
    assertThat(result.transport()).isEqualTo("smtp");
  }

  @Test
  void givenEnvelopeWithABccRecipient_whenSentRaw_thenRcptToIsTheEnvelopeAndTheHeadersStayAsTheyAre()
      throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Mailer mailer = rig.mailer(rig.server().build());
    byte[] message = rawMessage();

    mailer.send(Envelope.of(ALICE, "bob@example.org", "carol@example.net"), message);

    ReceivedMessage received = rig.smtp.messages().get(0);
    assertThat(received.envelopeFrom()).isEqualTo(ALICE);
    assertThat(received.recipients()).containsExactly("bob@example.org", "carol@example.net");
    assertThat(received.data()).isEqualTo(message);
    assertThat(received.text()).doesNotContain("carol");
  }

  @Test
  void givenEnvelopeSenderOtherThanTheFromHeader_whenSentRaw_thenMailFromIsTheEnvelopeSender() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Mailer mailer = rig.mailer(rig.server().build());
    byte[] message = "From: list@example.org\r\nTo: bob@example.org\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII);

    SendResult result = mailer.send(Envelope.of(ALICE, "bob@example.org"), message);

    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::envelopeFrom, ReceivedMessage::authenticatedUser)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ALICE, ALICE));
    assertThat(result.messageId()).isEmpty();
  }

  @Test
  void givenServerRejectsTheCachedToken_whenSentRaw_thenTheTokenIsRenewedOnceAndTheBytesArrive() throws Exception {
    rig = MailRig.gmail(logs);
    AtomicInteger renewals = new AtomicInteger();
    AtomicInteger minted = new AtomicInteger();
    rig.tokens.register(new Account(ALICE, new CallbackGrant((account, renew) -> {
      if (renew) {
        renewals.incrementAndGet();
      }
      String token = rig.provider.issueAccessToken(MailRig.CLIENT_ID, account, List.of(rig.scope()));
      if (minted.incrementAndGet() == 1) {
        rig.provider.revoke(token);
      }
      return AccessToken.of(token, rig.clock.instant().plus(Duration.ofHours(1)));
    })));
    Mailer mailer = rig.mailer(rig.server().build());
    byte[] message = rawMessage();

    mailer.send(Envelope.of(ALICE, "bob@example.org"), message);

    assertThat(renewals).hasValue(1);
    assertThat(rig.smtp.authAttempts()).extracting(AuthAttempt::accepted).containsExactly(false, true);
    assertThat(rig.smtp.messages()).singleElement().satisfies(m -> assertThat(m.data()).isEqualTo(message));
  }

  @Test
  void givenServerDropsTheConnectionBeforeTheData_whenSentRaw_thenReconnectsOnceAndDeliversOnce() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    rig.smtp.faults().dropAfterAuth(1);
    Mailer mailer = rig.mailer(rig.server().build());

    mailer.send(Envelope.of(ALICE, "bob@example.org"), rawMessage());

    assertThat(rig.smtp.authAttempts()).hasSize(2);
    assertThat(rig.smtp.messages()).hasSize(1);
  }

  @Test
  void givenRefusedRecipient_whenSentRaw_thenRecipientRejectedAndNothingSent() {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    rig.smtp.rejectRecipient("nobody@example.org");
    Mailer mailer = rig.mailer(rig.server().build());

    assertThatThrownBy(() -> mailer.send(Envelope.of(ALICE, "nobody@example.org"), rawMessage()))
        .isInstanceOfSatisfying(RecipientRejectedException.class,
            e -> assertThat(e.recipients()).containsExactly("nobody@example.org"));
    assertThat(rig.smtp.messages()).isEmpty();
  }

  @Test
  void givenServerAdvertisesPipelining_whenSentRaw_thenRcptAndDataAreWrittenBeforeMailIsAnswered() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    probe = new PipelineProbe(true);
    Mailer mailer = rig.mailer(SmtpServer.builder().host("127.0.0.1").port(probe.port())
        .security(SmtpSecurity.NONE).allowPlaintextAuth(true).build());

    mailer.send(Envelope.of(ALICE, "bob@example.org"), rawMessage());

    assertThat(probe.mailPipelined()).containsExactly(true);
    assertThat(probe.commands()).containsSubsequence("MAIL FROM:<" + ALICE + ">", "RCPT TO:<bob@example.org>", "DATA");
    assertThat(probe.messages()).isEqualTo(1);
  }

  @Test
  void givenAnEmptyMessage_whenSentRaw_thenRefusedBeforeConnecting() {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Mailer mailer = rig.mailer(rig.server().build());

    assertThatThrownBy(() -> mailer.send(Envelope.of(ALICE, "bob@example.org"), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThat(rig.smtp.connectionCount()).isZero();
  }
}
