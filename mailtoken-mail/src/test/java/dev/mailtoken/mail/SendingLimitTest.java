package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testsupport.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sending and connection limits are their own error kinds, not authentication failures. */
class SendingLimitTest {
  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void givenGmailDailyLimitReached_whenSending_thenSendingLimitExceptionNotTransientAndNotRetried() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    rig.smtp.dailyLimit(alice, 1);
    Mailer first = rig.mailer(rig.server().build());
    first.send(MailRig.message(alice, "bob@example.org", "within limit"));

    assertThatThrownBy(() -> first.send(MailRig.message(alice, "bob@example.org", "over limit")))
        .isInstanceOfSatisfying(SendingLimitException.class, e -> {
          assertThat(e.isTransient()).isFalse();
          assertThat(e.serverReply()).contains("5.4.5");
        })
        .hasMessageContaining("Do not retry now");
    assertThat(rig.smtp.messages()).hasSize(1);
    assertThat(rig.smtp.authAttempts()).hasSize(1);
  }

  @Test
  void givenExchangeSubmissionQuotaReached_whenSendingAfterTheData_thenSendingLimitExceptionNotTransientAndNotRetried()
      throws Exception {
    rig = MailRig.exchange(logs);
    String alice = rig.account("alice@example.com");
    rig.smtp.dailyLimit(alice, 1);
    Mailer first = rig.mailer(rig.server().build());
    first.send(MailRig.message(alice, "bob@example.org", "within quota"));

    assertThatThrownBy(() -> first.send(MailRig.message(alice, "bob@example.org", "over quota")))
        .isInstanceOfSatisfying(SendingLimitException.class, e -> {
          assertThat(e.isTransient()).isFalse();
          assertThat(e.serverReply()).contains("554 5.2.0", "SubmissionQuotaExceededException");
        });
    assertThat(rig.smtp.messages()).hasSize(1);
    assertThat(rig.smtp.authAttempts()).hasSize(1);
  }

  @Test
  void givenExchangeConnectionLimitReached_whenAnotherConnectionAuthenticates_thenTransientConnectionLimitException()
      throws Exception {
    rig = MailRig.exchange(logs, b -> b.maxConnectionsPerUser(1));
    String alice = rig.account("alice@example.com");
    Mailer first = rig.mailer(rig.server().build());
    first.send(MailRig.message(alice, "bob@example.org", "holds the only slot"));
    Mailer second = rig.mailer(rig.server().build());

    assertThatThrownBy(() -> second.send(MailRig.message(alice, "bob@example.org", "one too many")))
        .isInstanceOfSatisfying(ConnectionLimitException.class, e -> {
          assertThat(e.isTransient()).isTrue();
          assertThat(e.serverReply()).contains("4.3.2");
          assertThat(e.retryAfter()).isPresent();
        });
  }
}
