package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Mailer's listeners hear how each send ended and each renewal after a rejection, on the sending thread. */
class SendEventsTest {
  private static final String ALICE = "alice@example.com";
  private static final String GMAIL_SEND = "https://www.googleapis.com/auth/gmail.send";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private final List<SendEvent> events = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final MailListener recorder = e -> {
    events.add(e);
    threads.add(Thread.currentThread());
  };
  private final AtomicInteger minted = new AtomicInteger();
  private MailRig rig;

  @AfterEach
  void stop() {
    rig.close();
  }

  /** ALICE gets tokens with {@code scope}; the first is revoked at once; a renewal takes 250 ms by the test clock. */
  private void aliceWithStaleFirstToken(String scope) {
    rig.tokens.register(new Account(ALICE, new CallbackGrant((account, renew) -> {
      if (renew) {
        rig.clock.advance(Duration.ofMillis(250));
      }
      String token = rig.provider.issueAccessToken(MailRig.CLIENT_ID, account, List.of(scope));
      if (minted.incrementAndGet() == 1) {
        rig.provider.revoke(token);
      }
      return AccessToken.of(token, rig.clock.instant().plus(Duration.ofHours(1)));
    })));
  }

  @Test
  void givenAListener_whenASendSucceedsOverSmtp_thenOneSentEventNamesTheAccountAndTransportOnTheSendingThread()
      throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Mailer mailer = rig.mailer(rig.server().build(), recorder);

    mailer.send(MailRig.message(ALICE, "bob@example.org", "sent event"));

    assertThat(events).singleElement().isInstanceOfSatisfying(SendEvent.Sent.class, e -> {
      assertThat(e.account()).isEqualTo(ALICE);
      assertThat(e.transport()).isEqualTo("smtp");
      assertThat(e.at()).isEqualTo(rig.clock.instant());
      assertThat(e.elapsed()).isZero();
    });
    assertThat(threads).containsOnly(Thread.currentThread());
  }

  @Test
  void givenTheServerRejectsTheCachedToken_whenSendingOverSmtp_thenTokenRejectedThenSentWithTheRenewalsTime()
      throws Exception {
    rig = MailRig.gmail(logs);
    aliceWithStaleFirstToken(rig.scope());
    Mailer mailer = rig.mailer(rig.server().build(), recorder);

    mailer.send(MailRig.message(ALICE, "bob@example.org", "renewed"));

    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isEqualTo(new SendEvent.TokenRejected(ALICE, "smtp", rig.clock.instant()));
    assertThat(events.get(1)).isInstanceOfSatisfying(SendEvent.Sent.class,
        e -> assertThat(e.elapsed()).isEqualTo(Duration.ofMillis(250)));
  }

  @Test
  void givenTheRenewedTokenIsRejectedToo_whenSendingOverSmtp_thenTokenRejectedThenFailedWithTheTypedError() {
    rig = MailRig.gmail(logs);
    rig.account(ALICE, List.of(GMAIL_SEND));   // SMTP refuses gmail.send, before and after the renewal
    Mailer mailer = rig.mailer(rig.server().build(), recorder);

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "refused")))
        .isInstanceOf(AuthenticationRejectedException.class);

    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOf(SendEvent.TokenRejected.class);
    assertThat(events.get(1)).isInstanceOfSatisfying(SendEvent.Failed.class, e -> {
      assertThat(e.error()).isInstanceOf(AuthenticationRejectedException.class);
      assertThat(e.transport()).isEqualTo("smtp");
    });
  }

  @Test
  void givenTheGmailApiAnswers401ToTheCachedToken_whenSending_thenTokenRejectedOnGmailApiThenSent() throws Exception {
    rig = MailRig.gmail(logs);
    aliceWithStaleFirstToken(GMAIL_SEND);
    Mailer mailer = rig.mailer(GmailApi.builder().baseUri(rig.provider.baseUri()).build(), recorder);

    mailer.send(MailRig.message(ALICE, "bob@example.org", "api renewed"));

    assertThat(events).extracting(e -> e.getClass().getSimpleName(), SendEvent::transport)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("TokenRejected", "gmail-api"),
            org.assertj.core.groups.Tuple.tuple("Sent", "gmail-api"));
  }

  @Test
  void givenSmtpAuthIsDisabledForTheMailbox_whenSending_thenOneFailedEventAndNoRejection() {
    rig = MailRig.exchange(logs);
    rig.account(ALICE);
    rig.smtp.disableSmtpAuth(ALICE);
    Mailer mailer = rig.mailer(rig.server().build(), recorder);

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "disabled")))
        .isInstanceOf(SmtpAuthDisabledException.class);

    assertThat(events).singleElement().isInstanceOfSatisfying(SendEvent.Failed.class,
        e -> assertThat(e.error()).isInstanceOf(SmtpAuthDisabledException.class));
  }

  @Test
  void givenRawBytes_whenSentWithAnEnvelope_thenOneSentEvent() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Mailer mailer = rig.mailer(rig.server().build(), recorder);
    byte[] raw = ("From: " + ALICE + "\r\nTo: bob@example.org\r\nSubject: raw\r\n\r\nraw body\r\n")
        .getBytes(StandardCharsets.US_ASCII);

    mailer.send(Envelope.of(ALICE, "bob@example.org"), raw);

    assertThat(events).singleElement().isInstanceOf(SendEvent.Sent.class);
  }

  @Test
  void givenAMessageWithoutRecipients_whenSending_thenTheBadInputPublishesNothing() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Mailer mailer = rig.mailer(rig.server().build(), recorder);
    MimeMessage noRecipients = mailer.newMessage();
    noRecipients.setFrom(ALICE);
    noRecipients.setText("to nobody");

    assertThatThrownBy(() -> mailer.send(noRecipients)).isInstanceOf(IllegalArgumentException.class);

    assertThat(events).isEmpty();
  }

  @Test
  void givenAListenerThatThrows_whenSending_thenTheSendSucceedsTheNextListenerRunsAndAWarnNamesIt() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    MailListener broken = new Broken();
    Mailer mailer = rig.mailer(rig.server().build(), broken, recorder);

    SendResult sent = mailer.send(MailRig.message(ALICE, "bob@example.org", "despite a broken listener"));

    assertThat(sent.account()).isEqualTo(ALICE);
    assertThat(events).singleElement().isInstanceOf(SendEvent.Sent.class);
    assertThat(logs.events()).anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).contains(Broken.class.getName()).contains("account=" + ALICE);
    });
  }

  @Test
  void givenEveryKindOfEvent_whenPrinted_thenNoIssuedTokenAppears() {
    rig = MailRig.gmail(logs);
    aliceWithStaleFirstToken(GMAIL_SEND);
    Mailer mailer = rig.mailer(rig.server().build(), recorder);

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "refused")))
        .isInstanceOf(AuthenticationRejectedException.class);

    assertThat(events).hasSize(2);
    String printed = events.toString();
    assertThat(rig.provider.issuedSecrets()).isNotEmpty().allSatisfy(s -> assertThat(printed).doesNotContain(s));
  }

  private static final class Broken implements MailListener {
    @Override
    public void onEvent(SendEvent event) {
      throw new IllegalStateException("listener bug");
    }
  }
}
