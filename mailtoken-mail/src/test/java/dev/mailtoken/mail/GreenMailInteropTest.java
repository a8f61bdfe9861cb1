package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.FixedTokenGrant;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Interop with a third-party server: GreenMail 2.1.8's XOAUTH2 (token checked as the user's password). */
class GreenMailInteropTest {
  private static final String ALICE = "alice@example.com";
  private static final String TOKEN = "ya29.greenmail-interop-token-7Qx";
  private static final Instant LATER = Instant.parse("2099-01-01T00:00:00Z");

  @RegisterExtension final LogCapture logs = new LogCapture().forbid(TOKEN);
  private GreenMail greenMail;
  private TokenManager tokens;
  private Mailer mailer;

  @BeforeEach
  void start() {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    greenMail.setUser(ALICE, ALICE, TOKEN);
    tokens = TokenManager.builder().build();
  }

  @AfterEach
  void stop() {
    if (mailer != null) {
      mailer.close();
    }
    tokens.close();
    greenMail.stop();
  }

  private SmtpServer server() {
    return SmtpServer.builder().host("127.0.0.1").port(greenMail.getSmtp().getPort()).security(SmtpSecurity.NONE)
        .allowPlaintextAuth(true).build();
  }

  @Test
  void givenGreenMailWithXoauth2_whenSendingWithAFixedToken_thenGreenMailReceivesTheMessage() throws Exception {
    tokens.register(new Account(ALICE, new FixedTokenGrant(AccessToken.of(TOKEN, LATER))));
    mailer = Mailer.builder().tokenManager(tokens).transport(server()).build();

    SendResult result = mailer.send(MailRig.message(ALICE, "bob@example.org", "greenmail interop"));

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("greenmail interop");
    assertThat(received[0].getMessageID()).isEqualTo(result.messageId());
  }

  @Test
  void givenGreenMailRejectsTheFirstToken_whenSending_thenRenewedOnceAndDelivered() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    tokens.register(new Account(ALICE, new CallbackGrant((account, renew) ->
        AccessToken.of(calls.incrementAndGet() == 1 ? "ya29.stale-token" : TOKEN, LATER))));
    mailer = Mailer.builder().tokenManager(tokens).transport(server()).build();

    mailer.send(MailRig.message(ALICE, "bob@example.org", "after renew"));

    assertThat(calls).hasValue(2);
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }
}
