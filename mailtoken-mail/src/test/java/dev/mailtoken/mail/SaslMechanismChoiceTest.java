package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.FixedTokenGrant;
import dev.mailtoken.token.TokenManager;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SASL mechanism follows what EHLO advertises unless one is set: XOAUTH2 when offered, else
 * OAUTHBEARER; a mechanism the server does not offer fails before any token is sent. Against the
 * SMTP emulator (advertising OAUTHBEARER only, or both) and GreenMail 2.1.8 (XOAUTH2, PLAIN and LOGIN;
 * it has no OAUTHBEARER).
 */
class SaslMechanismChoiceTest {
  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void givenServerAdvertisingOnlyOauthbearer_whenNoMechanismIsSet_thenOauthbearerIsUsed() throws Exception {
    rig = MailRig.gmail(logs, b -> b.authMechanisms("PLAIN", "OAUTHBEARER"));
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build());

    mailer.send(MailRig.message(alice, "bob@example.org", "auto"));

    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::mechanism).containsExactly("OAUTHBEARER");
  }

  @Test
  void givenServerAdvertisingOnlyOauthbearer_whenASessionConnects_thenTheTransportNamesTheMechanismUsed()
      throws Exception {
    rig = MailRig.gmail(logs, b -> b.authMechanisms("PLAIN", "OAUTHBEARER"));
    String alice = rig.account("alice@example.com");
    SmtpServer server = rig.server().build();
    jakarta.mail.Session session = MailSessions.create(alice, server, rig.tokens.source(alice));

    try (TokenSmtpTransport transport = (TokenSmtpTransport) session.getTransport("smtp")) {
      transport.connect(server.host(), server.port(), alice, null);

      assertThat(transport.authenticatedMechanism()).contains(SaslMechanism.OAUTHBEARER);
    }
  }

  @Test
  void givenServerAdvertisingBoth_whenNoMechanismIsSet_thenXoauth2IsUsed() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build());

    mailer.send(MailRig.message(alice, "bob@example.org", "auto"));

    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::mechanism).containsExactly("XOAUTH2");
  }

  @Test
  void givenServerAdvertisingOnlyOauthbearer_whenXoauth2IsSet_thenNotOfferedAndNoTokenSent() {
    rig = MailRig.gmail(logs, b -> b.authMechanisms("PLAIN", "OAUTHBEARER"));
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().mechanism(SaslMechanism.XOAUTH2).build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, "bob@example.org", "forced")))
        .isInstanceOfSatisfying(MechanismNotOfferedException.class, e -> {
          assertThat(e.offered()).containsExactly("PLAIN", "OAUTHBEARER");
          assertThat(e.isTransient()).isFalse();
          assertThat(e).hasMessageContaining("does not offer XOAUTH2").hasMessageContaining("Use OAUTHBEARER");
        });
    assertThat(rig.smtp.authAttempts()).isEmpty();
  }

  @Test
  void givenGreenMail_whenOauthbearerIsSet_thenNotOfferedNamingItsMechanisms() {
    GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    String token = "ya29.greenmail-mechanism-token";
    greenMail.setUser("alice@example.com", "alice@example.com", token);
    try (TokenManager tokens = TokenManager.builder().build()) {
      tokens.register(new Account("alice@example.com", new FixedTokenGrant(AccessToken.of(token,
          Instant.parse("2099-01-01T00:00:00Z")))));
      SmtpServer server = SmtpServer.builder().host("127.0.0.1").port(greenMail.getSmtp().getPort())
          .security(SmtpSecurity.NONE).allowPlaintextAuth(true).mechanism(SaslMechanism.OAUTHBEARER).build();
      try (Mailer mailer = Mailer.builder().tokenManager(tokens).transport(server).build()) {
        assertThatThrownBy(() -> mailer.send(MailRig.message("alice@example.com", "bob@example.org", "gm")))
            .isInstanceOfSatisfying(MechanismNotOfferedException.class,
                e -> assertThat(e.offered()).contains("XOAUTH2").doesNotContain("OAUTHBEARER"));
      }
      assertThat(greenMail.getReceivedMessages()).isEmpty();
    } finally {
      greenMail.stop();
    }
  }
}
