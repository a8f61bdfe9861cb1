package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** No token, refresh token or client secret in logs (LogCapture fails the test), exceptions or Angus debug. */
class SecretHygieneTest {
  private static final String ALICE = "alice@example.com";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;
  private Mailer mailer;

  @AfterEach
  void stop() {
    if (mailer != null) {
      mailer.close();
    }
    rig.close();
  }

  @Test
  void givenTokenRejectedTwice_whenTheErrorIsReported_thenNoIssuedSecretIsInItsMessageOrToString() {
    rig = MailRig.gmail(logs);
    rig.account(ALICE, List.of("https://www.googleapis.com/auth/gmail.send"));
    mailer = rig.mailer(rig.server().build());

    Throwable thrown = catchThrowable(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "secrets")));

    assertThat(thrown).isInstanceOf(AuthenticationRejectedException.class);
    assertThat(rig.provider.issuedSecrets()).isNotEmpty().allSatisfy(secret -> {
      assertThat(thrown.getMessage()).doesNotContain(secret);
      assertThat(thrown.toString()).doesNotContain(secret);
    });
  }

  @Test
  void givenMailDebugOn_whenSendingThroughMailSessions_thenTheDebugOutputHasNoTokenInAnyForm() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Properties extra = new Properties();
    extra.setProperty("mail.smtp.user", ALICE);
    extra.setProperty("mail.debug", "true");
    extra.setProperty("mail.debug.auth", "true");
    Session session = MailSessions.create(extra, rig.server().build(), rig.tokens.source(ALICE));
    ByteArrayOutputStream debug = new ByteArrayOutputStream();
    session.setDebugOut(new PrintStream(debug, true, StandardCharsets.UTF_8));
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(ALICE));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
    m.setText("debug");

    Transport.send(m);

    String out = debug.toString(StandardCharsets.UTF_8);
    String token = rig.tokens.token(ALICE).value().reveal();
    String xoauth2 = Base64.getEncoder().encodeToString(
        ("user=" + ALICE + "\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.UTF_8));
    assertThat(out).contains("MAIL FROM");
    assertThat(out).doesNotContain(token).doesNotContain(xoauth2);
  }
}
