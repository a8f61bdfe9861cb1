package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.TokenNotRenewableException;
import jakarta.mail.MessagingException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No token, refresh token or client secret in logs (LogCapture fails the test), Angus debug, or any
 * failure kind's message, toString and causes (SMTP Gmail/Exchange, fixed token, Graph), nor in a result.
 */
class SecretHygieneTest {
  private static final String ALICE = "alice@example.com";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void givenTokenRejectedTwice_whenTheErrorIsReported_thenNoIssuedSecretIsInItsMessageOrToString() {
    rig = MailRig.gmail(logs);
    rig.account(ALICE, List.of("https://www.googleapis.com/auth/gmail.send"));
    Mailer mailer = rig.mailer(rig.server().build());

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

  @Test
  void givenExchangeRejectsTheRenewedTokenToo_whenTheErrorIsReported_thenNoSecretInItOrItsCauses() {
    rig = MailRig.exchange(logs);
    rig.tokens.register(new Account(ALICE, new CallbackGrant((account, renew) -> AccessToken.of(
        rig.provider.issueAccessToken(MailRig.CLIENT_ID, "mallory@example.com", List.of(rig.scope())),
        rig.clock.instant().plus(Duration.ofHours(1))))));
    Mailer mailer = rig.mailer(rig.server().build());

    Throwable thrown = catchThrowable(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "exchange")));

    assertThat(thrown).isInstanceOf(AuthenticationRejectedException.class);
    assertNoIssuedSecretIn(thrown);
  }

  @Test
  void givenRejectedFixedToken_whenTheErrorIsReported_thenTheTokenIsNotInItOrItsCauses() {
    rig = MailRig.gmail(logs);
    rig.accountWithRevokedFixedToken(ALICE);
    Mailer mailer = rig.mailer(rig.server().build());

    Throwable thrown = catchThrowable(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "fixed")));

    assertThat(thrown).isInstanceOf(TokenNotRenewableException.class);
    assertNoIssuedSecretIn(thrown);
  }

  @Test
  void givenGraphRejectsTheRenewedTokenToo_whenTheErrorIsReported_thenNoSecretInItOrItsCauses() {
    rig = MailRig.exchange(logs);
    // A callback serving SMTP.Send tokens whatever is asked: Graph answers 401 twice.
    rig.tokens.register(new Account(ALICE, new CallbackGrant((account, renew) -> AccessToken.of(
        rig.provider.issueAccessToken(MailRig.CLIENT_ID, account, List.of(rig.scope())),
        rig.clock.instant().plus(Duration.ofHours(1))))));
    Mailer mailer = rig.mailer(GraphApi.builder().baseUri(rig.provider.baseUri()).build());

    Throwable thrown = catchThrowable(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "graph")));

    assertThat(thrown).isInstanceOf(AuthenticationRejectedException.class);
    assertNoIssuedSecretIn(thrown);
  }

  @Test
  void givenSuccessfulSend_whenTheResultIsPrinted_thenNoSecretInIt() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Mailer mailer = rig.mailer(rig.server().build());

    SendResult result = mailer.send(MailRig.message(ALICE, "bob@example.org", "printed"));

    assertThat(result.toString()).contains(ALICE);
    assertThat(rig.provider.issuedSecrets()).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(secret -> assertThat(result.toString() + mailer).doesNotContain(secret));
  }

  /** Message and toString of the throwable, its causes and Jakarta Mail's next exceptions. */
  private void assertNoIssuedSecretIn(Throwable thrown) {
    StringBuilder shown = new StringBuilder();
    for (Throwable t = thrown; t != null; t = t.getCause() != null ? t.getCause()
        : t instanceof MessagingException ? ((MessagingException) t).getNextException() : null) {
      shown.append(t).append('\n').append(t.getMessage()).append('\n');
    }
    List<String> secrets = new java.util.ArrayList<>(rig.provider.issuedSecrets());
    secrets.add(MailRig.CLIENT_SECRET);
    assertThat(rig.provider.issuedSecrets()).isNotEmpty();
    assertThat(secrets).allSatisfy(secret -> assertThat(shown.toString()).doesNotContain(secret));
  }
}
