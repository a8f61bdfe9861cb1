package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.LogCapture;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jakarta Mail's debug output ({@code mail.debug=true}, which people turn on to diagnose SMTP)
 * never shows a token, however long: a token over about 500 octets goes after a bare {@code 334},
 * where Angus prints the SASL response it is given.
 */
class DebugOutputTest {
  private static final String ALICE = "alice@example.com";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    rig.close();
  }

  /** Sends one message through a MailSessions session with mail.debug on; returns the debug output. */
  private String sendWithDebug() throws Exception {
    Properties extra = new Properties();
    extra.setProperty("mail.smtp.user", ALICE);
    extra.setProperty("mail.debug", "true");
    Session session = MailSessions.create(extra, rig.server().build(), rig.tokens.source(ALICE));
    ByteArrayOutputStream debug = new ByteArrayOutputStream();
    session.setDebugOut(new PrintStream(debug, true, StandardCharsets.UTF_8));
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(ALICE));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
    m.setText("debug");
    Transport.send(m);
    return debug.toString(StandardCharsets.UTF_8);
  }

  @Test
  void givenA1301CharacterTokenAndMailDebugOn_whenSending_thenTheDebugOutputHasNoPartOfIt() throws Exception {
    rig = MailRig.gmailWithLongTokens(logs, 1301);
    rig.account(ALICE);

    String out = sendWithDebug();

    String token = rig.tokens.token(ALICE).value().reveal();
    String xoauth2 = Base64.getEncoder().encodeToString(
        ("user=" + ALICE + "\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.UTF_8));
    assertThat(token).hasSize(1301);
    assertThat(out).contains("SASL response: [XOAUTH2 response withheld from debug output", "MAIL FROM");
    assertThat(out).doesNotContain(token.substring(0, 40)).doesNotContain(token.substring(1250))
        .doesNotContain(xoauth2.substring(0, 40));
    assertThat(rig.smtp.messages()).hasSize(1);
  }

  @Test
  void givenAShortToken_whenSendingWithDebugOn_thenItStillGoesAsTheInitialResponseUnseen() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);

    String out = sendWithDebug();

    String token = rig.tokens.token(ALICE).value().reveal();
    assertThat(out).doesNotContain(token).doesNotContain("SASL response");
    assertThat(rig.smtp.messages()).hasSize(1);
  }
}
