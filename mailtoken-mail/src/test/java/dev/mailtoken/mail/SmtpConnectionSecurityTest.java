package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testkit.AuthAttempt;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testkit.TlsMode;
import dev.mailtoken.testsupport.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** STARTTLS, implicit TLS, plaintext refusal and the two mechanisms, over sockets. */
class SmtpConnectionSecurityTest {
  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void givenStarttlsServer_whenSending_thenTokenIsOfferedAfterTlsAndMessageArrives() throws Exception {
    rig = MailRig.gmail(logs, b -> b.tls(TlsMode.STARTTLS));
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build());

    SendResult result = mailer.send(MailRig.message(alice, "bob@example.org", "starttls"));

    assertThat(result.transport()).isEqualTo("smtp");
    assertThat(result.account()).isEqualTo(alice);
    assertThat(result.messageId()).startsWith("<");
    assertThat(result.serverReply()).startsWith("250");
    ReceivedMessage received = rig.smtp.messages().get(0);
    assertThat(received.authenticatedUser()).isEqualTo(alice);
    assertThat(received.mechanism()).isEqualTo("XOAUTH2");
    assertThat(received.recipients()).containsExactly("bob@example.org");
    assertThat(received.text()).contains("Message-ID: " + result.messageId());
  }

  @Test
  void givenImplicitTlsServer_whenSending_thenMessageArrives() throws Exception {
    rig = MailRig.gmail(logs, b -> b.tls(TlsMode.IMPLICIT));
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build());

    mailer.send(MailRig.message(alice, "bob@example.org", "implicit"));

    assertThat(rig.smtp.messages()).hasSize(1);
  }

  @Test
  void givenOauthbearerMechanism_whenSending_thenServerSeesOauthbearer() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().mechanism(SaslMechanism.OAUTHBEARER).build());

    mailer.send(MailRig.message(alice, "bob@example.org", "oauthbearer"));

    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::mechanism).containsExactly("OAUTHBEARER");
  }

  @Test
  void givenPlaintextServerWithoutPermission_whenSending_thenRefusedBeforeConnecting() {
    rig = MailRig.gmail(logs, b -> b.tls(TlsMode.NONE));
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(SmtpServer.builder().host(rig.smtp.host()).port(rig.smtp.port())
        .security(SmtpSecurity.NONE).build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, "bob@example.org", "plain")))
        .isInstanceOf(PlaintextAuthRefusedException.class)
        .hasMessageContaining("without TLS");
    assertThat(rig.smtp.connectionCount()).isZero();
  }

  @Test
  void givenPlaintextAllowedOnLoopback_whenSending_thenMessageArrives() throws Exception {
    rig = MailRig.gmail(logs, b -> b.tls(TlsMode.NONE));
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(SmtpServer.builder().host(rig.smtp.host()).port(rig.smtp.port())
        .security(SmtpSecurity.NONE).allowPlaintextAuth(true).build());

    mailer.send(MailRig.message(alice, "bob@example.org", "plain allowed"));

    assertThat(rig.smtp.messages()).hasSize(1);
  }

  @Test
  void givenPlaintextAllowedForNonLoopbackHost_whenCheckingPermission_thenItIsNotHonoured() {
    SmtpServer remote = SmtpServer.builder().host("192.0.2.10").port(25).security(SmtpSecurity.NONE)
        .allowPlaintextAuth(true).build();

    assertThat(remote.plaintextAuthAllowed()).isFalse();
  }

  @Test
  void givenTokenLongerThanTheAuthLineLimit_whenSending_thenResponseGoesOnItsOwnLineAndSucceeds() throws Exception {
    rig = MailRig.gmail(logs);
    String user = "a-very-long-mailbox-name-" + "x".repeat(420) + "@example.com";
    String account = rig.account(user);
    Mailer mailer = rig.mailer(rig.server().build());

    mailer.send(MailRig.message(account, "bob@example.org", "long"));

    assertThat(rig.smtp.authAttempts()).extracting(AuthAttempt::accepted).containsExactly(true);
    assertThat(rig.smtp.messages()).hasSize(1);
  }
}
