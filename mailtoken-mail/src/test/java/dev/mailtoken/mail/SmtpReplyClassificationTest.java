package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.MailtokenException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Replies the emulator does not produce, classified from the exceptions Angus throws for them. */
class SmtpReplyClassificationTest {
  private static final String ALICE = "alice@example.com";

  @Test
  void givenRcptRefusedWith550_whenClassified_thenRecipientRejectedNamesTheAddress() throws Exception {
    InternetAddress bad = new InternetAddress("nobody@example.org");
    SMTPAddressFailedException rcpt = new SMTPAddressFailedException(bad, "RCPT TO:<nobody@example.org>", 550,
        "550 5.1.1 The email account that you tried to reach does not exist");
    SMTPSendFailedException top = new SMTPSendFailedException("RCPT", 550, rcpt.getMessage(), rcpt,
        new Address[0], new Address[0], new Address[] {bad});

    MailtokenException e = SmtpFailures.of(ALICE, top, false);

    assertThat(e).isInstanceOfSatisfying(RecipientRejectedException.class,
        r -> assertThat(r.recipients()).containsExactly("nobody@example.org"));
  }

  @Test
  void givenExchange554QuotaReply_whenClassified_thenSendingLimit() {
    SMTPSendFailedException e = new SMTPSendFailedException("DATA", 554,
        "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException", null, null, null, null);

    assertThat(SmtpFailures.of(ALICE, e, true)).isInstanceOf(SendingLimitException.class);
  }

  @Test
  void given421BeforeData_whenChecked_thenConnectionDroppedAndRetryable() {
    SMTPSendFailedException e = new SMTPSendFailedException("MAIL", 421,
        "421 4.7.0 Try again later, closing connection.", null, null, null, null);

    assertThat(SmtpFailures.connectionDropped(e, false)).isTrue();
  }

  @Test
  void givenSocketClosedAfterData_whenChecked_thenNotRetriedAndMayHaveBeenDelivered() {
    MessagingException e = new MessagingException("Can't send command", new IOException("Connection reset"));

    assertThat(SmtpFailures.connectionDropped(e, true)).isFalse();
    assertThat(SmtpFailures.of(ALICE, e, true)).isInstanceOfSatisfying(SmtpFailureException.class, f -> {
      assertThat(f.mayHaveBeenDelivered()).isTrue();
      assertThat(f.isTransient()).isTrue();
    });
  }

  @Test
  void givenPermanentFailureReply_whenClassified_thenSmtpFailureWithCodeNotTransient() {
    SMTPSendFailedException e = new SMTPSendFailedException("DATA", 552, "552 5.3.4 Message too big", null, null,
        null, null);

    assertThat(SmtpFailures.of(ALICE, e, false)).isInstanceOfSatisfying(SmtpFailureException.class, f -> {
      assertThat(f.replyCode()).isEqualTo(552);
      assertThat(f.isTransient()).isFalse();
    });
  }

  @Test
  void givenGmailTooManyLoginAttempts_whenClassified_thenTransientFailureNotAnAuthRejection() {
    assertThat(SmtpReplies.special(ALICE, 454, "454 4.7.0 Too many login attempts, please try again later."))
        .hasValueSatisfying(e -> {
          assertThat(e).isInstanceOf(SmtpFailureException.class);
          assertThat(e.isTransient()).isTrue();
        });
  }
}
