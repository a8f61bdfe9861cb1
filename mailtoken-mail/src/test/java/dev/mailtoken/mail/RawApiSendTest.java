package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testkit.ApiMessage;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Raw message bytes over the Gmail API and Graph, which deliver to the recipients the headers name. */
class RawApiSendTest {
  private static final String ALICE = "alice@example.com";
  private static final String GMAIL_SEND = "https://www.googleapis.com/auth/gmail.send";
  private static final String GRAPH_MAIL_SEND = "https://graph.microsoft.com/Mail.Send";
  private static final byte[] MESSAGE = ("From: " + ALICE + "\r\nTo: Bob <bob@example.org>\r\nSubject: raw api\r\n"
      + "Message-ID: <api-1@example.com>\r\n\r\nbody\r\n.\r\n").getBytes(StandardCharsets.US_ASCII);

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;
  private final AtomicInteger minted = new AtomicInteger();
  private final AtomicInteger renewals = new AtomicInteger();

  @AfterEach
  void stop() {
    rig.close();
  }

  private void alice(String scope, boolean firstIsStale) {
    rig.tokens.register(new Account(ALICE, new CallbackGrant((account, renew) -> {
      if (renew) {
        renewals.incrementAndGet();
      }
      String token = rig.provider.issueAccessToken(MailRig.CLIENT_ID, account, List.of(scope));
      if (minted.incrementAndGet() == 1 && firstIsStale) {
        rig.provider.revoke(token);
      }
      return AccessToken.of(token, rig.clock.instant().plus(Duration.ofHours(1)));
    })));
  }

  private Mailer gmailMailer() {
    return rig.mailer(GmailApi.builder().baseUri(rig.provider.baseUri()).build());
  }

  @Test
  void givenEnvelopeMatchingTheHeaders_whenSentThroughTheGmailApi_thenTheBytesArriveUnchanged() throws Exception {
    rig = MailRig.gmail(logs);
    alice(GMAIL_SEND, false);

    SendResult result = gmailMailer().send(Envelope.of(ALICE, "bob@example.org"), MESSAGE);

    assertThat(rig.provider.apiMessages()).singleElement().satisfies(m -> {
      assertThat(m.api()).isEqualTo("gmail");
      assertThat(m.mime()).isEqualTo(MESSAGE);
    });
    assertThat(result.messageId()).isEqualTo("<api-1@example.com>");
    assertThat(result.transport()).isEqualTo("gmail-api");
  }

  @Test
  void givenEnvelopeRecipientTheHeadersDoNotName_whenSentThroughTheGmailApi_thenABccFieldIsAddedForIt()
      throws Exception {
    rig = MailRig.gmail(logs);
    alice(GMAIL_SEND, false);

    gmailMailer().send(Envelope.of(ALICE, "bob@example.org", "carol@example.net", "dave@example.net"), MESSAGE);

    byte[] expected = concat("Bcc: carol@example.net,\r\n dave@example.net\r\n".getBytes(StandardCharsets.US_ASCII),
        MESSAGE);
    assertThat(rig.provider.apiMessages()).extracting(ApiMessage::mime).containsExactly(expected);
  }

  @Test
  void givenAFoldedToFieldAndBareLfLines_whenSentThroughTheGmailApi_thenFoldedRecipientsCountAndBccUsesLf()
      throws Exception {
    rig = MailRig.gmail(logs);
    alice(GMAIL_SEND, false);
    byte[] lf = ("From: " + ALICE + "\nTo: bob@example.org,\n\t\"Dave, D.\" <dave@example.net>\nSubject: lf\n\nbody\n")
        .getBytes(StandardCharsets.US_ASCII);

    gmailMailer().send(Envelope.of(ALICE, "bob@example.org", "DAVE@example.net", "carol@example.net"), lf);

    byte[] expected = concat("Bcc: carol@example.net\n".getBytes(StandardCharsets.US_ASCII), lf);
    assertThat(rig.provider.apiMessages()).extracting(ApiMessage::mime).containsExactly(expected);
  }

  @Test
  void givenHeadersNamingARecipientTheEnvelopeDoesNot_whenSentThroughGraph_thenRefusedAndNothingSent() {
    rig = MailRig.exchange(logs);
    alice(GRAPH_MAIL_SEND, false);
    Mailer mailer = rig.mailer(GraphApi.builder().baseUri(rig.provider.baseUri()).build());

    assertThatThrownBy(() -> mailer.send(Envelope.of(ALICE, "carol@example.net"), MESSAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("graph")
        .hasMessageContaining("bob@example.org")
        .hasMessageContaining("SMTP");
    assertThat(rig.provider.requestCount(Endpoint.GRAPH_SEND_MAIL)).isZero();
  }

  @Test
  void givenGraphAnswers401ToTheCachedToken_whenSentRaw_thenRenewedOnceAndSent() throws Exception {
    rig = MailRig.exchange(logs);
    alice(GRAPH_MAIL_SEND, true);
    Mailer mailer = rig.mailer(GraphApi.builder().baseUri(rig.provider.baseUri()).build());

    mailer.send(Envelope.of(ALICE, "bob@example.org"), MESSAGE);

    assertThat(renewals).hasValue(1);
    assertThat(rig.provider.requestCount(Endpoint.GRAPH_SEND_MAIL)).isEqualTo(2);
    assertThat(rig.provider.apiMessages()).extracting(ApiMessage::mime).containsExactly(MESSAGE);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
