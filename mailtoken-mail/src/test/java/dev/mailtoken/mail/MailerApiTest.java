package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testkit.ApiMessage;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Mailer's surface: account from From, per-account transports, async send, builder checks. */
class MailerApiTest {
  private static final String ALICE = "alice@example.com";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;
  private Mailer mailer;

  @AfterEach
  void stop() {
    if (mailer != null) {
      mailer.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void givenMessageFromAlice_whenSentWithoutAnAccount_thenItIsSentAsAlice() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    mailer = rig.mailer(rig.server().build());

    SendResult result = mailer.send(MailRig.message(ALICE, "bob@example.org", "from decides"));

    assertThat(result.account()).isEqualTo(ALICE);
    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::authenticatedUser).containsExactly(ALICE);
  }

  @Test
  void givenPerAccountTransport_whenTwoAccountsSend_thenEachUsesItsOwnTransport() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    String carol = "carol@example.com";
    rig.tokens.register(new Account(carol, new CallbackGrant((account, renew) -> AccessToken.of(
        rig.provider.issueAccessToken(MailRig.CLIENT_ID, account, List.of("https://www.googleapis.com/auth/gmail.send")),
        rig.clock.instant().plus(Duration.ofHours(1))))));
    mailer = Mailer.builder().tokenManager(rig.tokens).transport(rig.server().build())
        .transport(carol, GmailApi.builder().baseUri(rig.provider.baseUri()).build()).clock(rig.clock).build();

    assertThat(mailer.send(MailRig.message(ALICE, "bob@example.org", "smtp")).transport()).isEqualTo("smtp");
    assertThat(mailer.send(MailRig.message(carol, "bob@example.org", "api")).transport()).isEqualTo("gmail-api");

    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::authenticatedUser).containsExactly(ALICE);
    assertThat(rig.provider.apiMessages()).extracting(ApiMessage::user).containsExactly(carol);
  }

  @Test
  void givenSendAsync_whenItCompletes_thenTheResultCarriesMessageIdAndReply() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    mailer = rig.mailer(rig.server().build());
    MimeMessage m = mailer.newMessage();
    m.setFrom(new InternetAddress(ALICE));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
    m.setText("async");

    SendResult result = mailer.sendAsync(m).get(30, TimeUnit.SECONDS);

    assertThat(result.messageId()).isEqualTo(m.getMessageID());
    assertThat(result.serverReply()).startsWith("250");
  }

  @Test
  void givenAsyncSendThatFails_whenJoined_thenTheTypedExceptionIsTheCause() {
    rig = MailRig.exchange(logs);
    rig.account(ALICE);
    rig.smtp.disableSmtpAuthForTenant();
    mailer = rig.mailer(rig.server().build());

    CompletableFuture<SendResult> f = mailer.sendAsync(MailRig.message(ALICE, "bob@example.org", "x"), ALICE);

    assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SmtpAuthDisabledException.class);
  }

  @Test
  void givenNoTokenManager_whenBuilding_thenTheMissingOptionIsNamed() {
    assertThatThrownBy(() -> Mailer.builder().transport(GmailApi.google()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenManager");
  }

  @Test
  void givenMessageWithoutFrom_whenSentWithoutAccount_thenIllegalArgument() throws Exception {
    rig = MailRig.gmail(logs);
    mailer = rig.mailer(rig.server().build());
    MimeMessage m = mailer.newMessage();
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));

    assertThatThrownBy(() -> mailer.send(m)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("From");
  }

  @Test
  void givenProviderWithSmtpOn465_whenForProvider_thenImplicitTls() {
    SmtpServer s = SmtpServer.forProvider(dev.mailtoken.oauth.OAuthProvider.google());

    assertThat(s.host()).isEqualTo(dev.mailtoken.oauth.OAuthProvider.google().smtpHost().orElseThrow());
    assertThat(s.security()).isEqualTo(s.port() == 465 ? SmtpSecurity.IMPLICIT_TLS : SmtpSecurity.STARTTLS);
    assertThat(s.poolSize()).isEqualTo(3);
  }
}
