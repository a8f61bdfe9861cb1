package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testkit.AuthAttempt;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.TokenSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plain Jakarta Mail: a Session from MailSessions makes Transport.send authenticate with a token. */
class MailSessionsTest {
  private static final String ALICE = "alice@example.com";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    rig.close();
  }

  private static MimeMessage message(Session session, String subject) throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(ALICE));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
    m.setSubject(subject);
    m.setText("plain Jakarta Mail");
    return m;
  }

  @Test
  void givenSessionFromMailSessions_whenTransportSend_thenMessageIsSentWithXoauth2() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Session session = MailSessions.create(ALICE, rig.server().build(), rig.tokens.source(ALICE));

    Transport.send(message(session, "transport send"));

    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::authenticatedUser).containsExactly(ALICE);
  }

  @Test
  void givenCachedTokenRejectedByTheServer_whenTransportSend_thenRenewedOnceAndSent() throws Exception {
    rig = MailRig.gmail(logs);
    AtomicInteger renewals = new AtomicInteger();
    AtomicInteger minted = new AtomicInteger();
    rig.tokens.register(new Account(ALICE, new CallbackGrant((account, renew) -> {
      if (renew) {
        renewals.incrementAndGet();
      }
      String token = rig.provider.issueAccessToken(MailRig.CLIENT_ID, account, List.of(rig.scope()));
      if (minted.incrementAndGet() == 1) {
        rig.provider.revoke(token);
      }
      return AccessToken.of(token, rig.clock.instant().plus(Duration.ofHours(1)));
    })));
    Session session = MailSessions.create(ALICE, rig.server().build(), rig.tokens.source(ALICE));

    Transport.send(message(session, "renewed"));

    assertThat(renewals).hasValue(1);
    assertThat(rig.smtp.authAttempts()).extracting(AuthAttempt::accepted).containsExactly(false, true);
    assertThat(rig.smtp.messages()).hasSize(1);
  }

  @Test
  void givenTokenForAnotherUser_whenTransportSend_thenMessagingExceptionCarriesTheTypedCause() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account("mallory@example.com");
    Session session = MailSessions.create(ALICE, rig.server().build(), rig.tokens.source("mallory@example.com"));

    assertThatThrownBy(() -> Transport.send(message(session, "wrong user")))
        .isInstanceOf(MessagingException.class)
        .hasCauseInstanceOf(AuthenticationRejectedException.class);
    assertThat(rig.smtp.authAttempts()).extracting(AuthAttempt::accepted).containsExactly(false, false);
  }

  @Test
  void givenPropertiesWithoutUserAndAManagersSource_whenTransportSend_thenItAuthenticatesAsTheSourcesAccount()
      throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Properties extra = new Properties();
    extra.setProperty("mail.smtp.connectiontimeout", "5000");

    Session session = MailSessions.create(extra, rig.server().build(), rig.tokens.source(ALICE));
    Transport.send(message(session, "account from the source"));

    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::authenticatedUser).containsExactly(ALICE);
  }

  @Test
  void givenPropertiesWithoutUserAndASourceThatNamesNoAccount_whenCreating_thenRejectedNamingBothWays() {
    rig = MailRig.gmail(logs);
    TokenSource lambda = renew -> AccessToken.withoutExpiry("x");

    assertThatThrownBy(() -> MailSessions.create(new Properties(), rig.server().build(), lambda))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mail.smtp.user")
        .hasMessageContaining("MailSessions.create(account, extra, server, tokens)");
  }

  @Test
  void givenUserPropertyForAnotherAccountThanTheSource_whenCreating_thenRejected() {
    rig = MailRig.gmail(logs);
    Properties extra = new Properties();
    extra.setProperty("mail.smtp.user", "mallory@example.com");

    assertThatThrownBy(() -> MailSessions.create(extra, rig.server().build(), rig.tokens.source(ALICE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mallory@example.com").hasMessageContaining(ALICE);
  }

  @Test
  void givenAnAccountAndProperties_whenTransportSend_thenBothApply() throws Exception {
    rig = MailRig.gmail(logs);
    rig.account(ALICE);
    Properties extra = new Properties();
    extra.setProperty("mail.smtp.connectiontimeout", "5000");

    Session session = MailSessions.create(ALICE, extra, rig.server().build(), rig.tokens.source(ALICE));
    Transport.send(message(session, "account and properties"));

    assertThat(session.getProperty("mail.smtp.connectiontimeout")).isEqualTo("5000");
    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::authenticatedUser).containsExactly(ALICE);
  }
}
