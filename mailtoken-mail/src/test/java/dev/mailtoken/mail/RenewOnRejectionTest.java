package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testkit.AuthAttempt;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.TokenNotRenewableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A rejected token is renewed once and AUTH retried once; never more, never for 5.7.139. */
class RenewOnRejectionTest {
  private static final String ALICE = "alice@example.com";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;
  private final List<String> issued = new ArrayList<>();
  private final AtomicInteger renewals = new AtomicInteger();

  @AfterEach
  void stop() {
    rig.close();
  }

  /** ALICE with a callback grant minting tokens at the emulator; the first one is revoked at once. */
  private void aliceWithStaleFirstToken() {
    rig.tokens.register(new Account(ALICE, new CallbackGrant((account, renew) -> {
      if (renew) {
        renewals.incrementAndGet();
      }
      String token = rig.provider.issueAccessToken(MailRig.CLIENT_ID, account, List.of(rig.scope()));
      synchronized (issued) {
        issued.add(token);
        if (issued.size() == 1) {
          rig.provider.revoke(token);
        }
      }
      return AccessToken.of(token, rig.clock.instant().plus(Duration.ofHours(1)));
    })));
  }

  @Test
  void givenGmailRejectsTheCachedToken_whenSending_thenTokenIsRenewedOnceAndSendSucceeds() throws Exception {
    rig = MailRig.gmail(logs);
    aliceWithStaleFirstToken();
    Mailer mailer = rig.mailer(rig.server().build());

    mailer.send(MailRig.message(ALICE, "bob@example.org", "gmail renew"));

    assertThat(renewals).hasValue(1);
    assertThat(rig.smtp.authAttempts()).extracting(AuthAttempt::accepted).containsExactly(false, true);
    assertThat(rig.smtp.authAttempts().get(0).finalReply()).startsWith("535");
    assertThat(rig.smtp.messages()).hasSize(1);
  }

  @Test
  void givenExchangeRejectsTheCachedTokenWith535_whenSending_thenTokenIsRenewedOnceAndSendSucceeds() throws Exception {
    rig = MailRig.exchange(logs);
    aliceWithStaleFirstToken();
    Mailer mailer = rig.mailer(rig.server().build());

    mailer.send(MailRig.message(ALICE, "bob@example.org", "exchange renew"));

    assertThat(renewals).hasValue(1);
    assertThat(rig.smtp.authAttempts()).extracting(AuthAttempt::accepted).containsExactly(false, true);
    assertThat(rig.smtp.authAttempts().get(0).finalReply()).contains("5.7.3");
    assertThat(rig.smtp.messages()).hasSize(1);
  }

  @Test
  void givenTokenWithOnlyGmailSendScope_whenSendingOverSmtp_thenOneRenewalThenDecodedScopeError() {
    rig = MailRig.gmail(logs);
    rig.account(ALICE, List.of("https://www.googleapis.com/auth/gmail.send"));
    Mailer mailer = rig.mailer(rig.server().build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "wrong scope")))
        .isInstanceOfSatisfying(AuthenticationRejectedException.class, e -> {
          assertThat(e.challenge()).hasValueSatisfying(c -> assertThat(c.scope()).isEqualTo("https://mail.google.com/"));
          assertThat(e.serverReply()).contains("5.7.8");
          assertThat(e.account()).hasValue(ALICE);
        })
        .hasMessageContaining("gmail.send works only with the Gmail API (the gmail-api transport)");
    assertThat(rig.smtp.authAttempts()).hasSize(2);
    assertThat(rig.provider.requestCount(Endpoint.TOKEN)).isEqualTo(2);
  }

  @Test
  void givenExchangeTokenForTheWrongUser_whenSending_thenOneRenewalThenRejectedWithTheServerReply() {
    rig = MailRig.exchange(logs);
    rig.tokens.register(new Account(ALICE, new CallbackGrant((account, renew) -> AccessToken.of(
        rig.provider.issueAccessToken(MailRig.CLIENT_ID, "mallory@example.com", List.of(rig.scope())),
        rig.clock.instant().plus(Duration.ofHours(1))))));
    Mailer mailer = rig.mailer(rig.server().build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "wrong user")))
        .isInstanceOfSatisfying(AuthenticationRejectedException.class, e -> {
          assertThat(e.challenge()).isEmpty();
          assertThat(e.serverReply()).contains("5.7.3");
        });
    assertThat(rig.smtp.authAttempts()).hasSize(2);
  }

  @Test
  void givenSmtpAuthDisabledForTheMailbox_whenSending_thenNotRetriedAndTheErrorSaysWhatToDo() {
    rig = MailRig.exchange(logs);
    rig.account(ALICE);
    rig.smtp.disableSmtpAuth(ALICE);
    Mailer mailer = rig.mailer(rig.server().build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "disabled")))
        .isInstanceOf(SmtpAuthDisabledException.class)
        .hasMessageContaining("SMTP AUTH is disabled for this tenant/mailbox")
        .hasMessageContaining("Graph");
    assertThat(rig.smtp.authAttempts()).hasSize(1);
  }

  @Test
  void givenRejectedFixedToken_whenSending_thenFailsAtOnceWithNotRenewable() {
    rig = MailRig.gmail(logs);
    rig.accountWithRevokedFixedToken(ALICE);
    Mailer mailer = rig.mailer(rig.server().build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "fixed")))
        .isInstanceOf(TokenNotRenewableException.class)
        .hasMessageContaining("cannot be renewed");
    assertThat(rig.smtp.authAttempts()).hasSize(1);
  }

  @Test
  void givenOauthbearerTokenRejectedByGmail_whenSending_thenTheJsonChallengeIsAnsweredAndTokenRenewedOnce()
      throws Exception {
    rig = MailRig.gmail(logs);
    aliceWithStaleFirstToken();
    Mailer mailer = rig.mailer(rig.server().mechanism(SaslMechanism.OAUTHBEARER).build());

    mailer.send(MailRig.message(ALICE, "bob@example.org", "oauthbearer renew"));

    assertThat(renewals).hasValue(1);
    assertThat(rig.smtp.authAttempts()).extracting(AuthAttempt::mechanism).containsOnly("OAUTHBEARER");
    assertThat(rig.smtp.authAttempts()).extracting(AuthAttempt::accepted).containsExactly(false, true);
  }

  @Test
  void givenGmailSendsItsDocumented401BearerMacJson_whenRejectedAfterOneRenewal_thenTheJsonIsDecodedAlike() {
    rig = MailRig.gmail(logs);
    rig.smtp.faults().documentedFailureJson(true);
    rig.account(ALICE, List.of("https://www.googleapis.com/auth/gmail.send"));
    Mailer mailer = rig.mailer(rig.server().build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "documented json")))
        .isInstanceOfSatisfying(AuthenticationRejectedException.class, e -> assertThat(e.challenge())
            .hasValue(new BearerErrorChallenge("401", "bearer mac", "https://mail.google.com/")))
        .hasMessageContaining("gmail.send works only with the Gmail API (the gmail-api transport)");
    assertThat(rig.smtp.authAttempts()).hasSize(2);
  }

  @Test
  void givenGmailAnswers454TooManyLoginAttemptsAfterTheEmptyResponse_whenSending_thenTransientAndNoRenewal() {
    rig = MailRig.gmail(logs);
    aliceWithStaleFirstToken();
    rig.smtp.faults().tooManyLoginAttempts(1);
    Mailer mailer = rig.mailer(rig.server().build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "too many logins")))
        .isInstanceOfSatisfying(SmtpFailureException.class, e -> {
          assertThat(e.replyCode()).isEqualTo(454);
          assertThat(e.isTransient()).isTrue();
          assertThat(e.serverReply()).contains("Too many login attempts");
        });
    assertThat(renewals).hasValue(0);
    assertThat(rig.smtp.authAttempts()).hasSize(1);
    assertThat(rig.smtp.messages()).isEmpty();
  }
}
