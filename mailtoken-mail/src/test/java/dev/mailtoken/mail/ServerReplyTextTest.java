package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mailtoken.testsupport.LogCapture;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a mail server says reaches messages, logs and debug output with its control characters
 * escaped, and without anything it echoes of the AUTH exchange.
 */
class ServerReplyTextTest {
  private static final String ALICE = "alice@example.com";
  private static final List<String> SEND_ONLY = List.of("https://www.googleapis.com/auth/gmail.send");

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    rig.close();
  }

  private Throwable rejectedSend() {
    rig.account(ALICE, SEND_ONLY);   // a token without https://mail.google.com/: SMTP refuses it twice
    Mailer mailer = rig.mailer(rig.server().build());
    return catchThrowable(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "echo")));
  }

  /** Message and toString of the throwable and every cause and next exception. */
  private static String shown(Throwable thrown) {
    StringBuilder s = new StringBuilder();
    for (Throwable t = thrown; t != null; t = t.getCause() != null ? t.getCause()
        : t instanceof MessagingException m ? m.getNextException() : null) {
      s.append(t).append('\n').append(t.getMessage()).append('\n');
    }
    return s.toString();
  }

  @Test
  void givenServerEchoesTheAuthPayload_whenTheTokenIsRejected_thenTheErrorHoldsNoPartOfIt() {
    rig = MailRig.gmail(logs);
    rig.smtp.faults().echoAuthPayload(true);

    Throwable thrown = rejectedSend();

    assertThat(thrown).isInstanceOfSatisfying(AuthenticationRejectedException.class,
        e -> assertThat(e.serverReply()).contains("client sent <redacted>"));
    assertThat(rig.provider.issuedSecrets()).isNotEmpty()
        .allSatisfy(secret -> assertThat(shown(thrown)).doesNotContain(secret));
  }

  @Test
  void givenServerEchoesTheAuthPayloadOfALongToken_whenRejected_thenNeitherErrorNorDebugOutputHoldsIt()
      throws Exception {
    rig = MailRig.gmailWithLongTokens(logs, 1500);
    rig.smtp.faults().echoAuthPayload(true);
    rig.account(ALICE, SEND_ONLY);
    Properties extra = new Properties();
    extra.setProperty("mail.smtp.user", ALICE);
    extra.setProperty("mail.debug", "true");
    Session session = MailSessions.create(extra, rig.server().build(), rig.tokens.source(ALICE));
    ByteArrayOutputStream debug = new ByteArrayOutputStream();
    session.setDebugOut(new PrintStream(debug, true, StandardCharsets.UTF_8));
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(ALICE));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
    m.setText("echo");

    Throwable thrown = catchThrowable(() -> Transport.send(m));

    assertThat(thrown).isInstanceOf(MessagingException.class);
    String everything = shown(thrown) + debug.toString(StandardCharsets.UTF_8);
    List<String> secrets = new ArrayList<>(rig.provider.issuedSecrets());
    assertThat(secrets).isNotEmpty().allSatisfy(secret -> {
      assertThat(everything).doesNotContain(secret);
      assertThat(everything).doesNotContain(secret.substring(0, Math.min(32, secret.length())));
    });
  }

  @Test
  void givenControlCharactersInTheRefusal_whenReported_thenTheyAreEscaped() {
    rig = MailRig.gmail(logs);
    rig.smtp.faults().controlCharactersInReplies(true);

    Throwable thrown = rejectedSend();

    assertThat(thrown).isInstanceOf(AuthenticationRejectedException.class);
    assertThat(thrown.getMessage()).doesNotContain("\u001b", "\u0007", "\n", "\r")
        .contains("\\u001b[2J\\u001b]0;owned\\u0007");
    assertThat(((AuthenticationRejectedException) thrown).serverReply()).doesNotContain("\u001b", "\u0007");
  }
}
