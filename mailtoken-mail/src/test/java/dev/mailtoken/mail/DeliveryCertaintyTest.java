package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testsupport.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reply that refuses the message, before or after its data, means it was not delivered. */
class DeliveryCertaintyTest {
  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void givenDataRefusedWith552_whenSending_thenNotDeliveredAndNotMaybeDelivered() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build());
    rig.smtp.faults().refuseData(1);

    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, "bob@example.org", "too big")))
        .isInstanceOfSatisfying(SmtpFailureException.class, e -> {
          assertThat(e.replyCode()).isEqualTo(552);
          assertThat(e.mayHaveBeenDelivered()).isFalse();
          assertThat(e.isTransient()).isFalse();
          assertThat(e.getMessage()).contains("552 5.3.4").doesNotContain("may have been delivered");
        });
    assertThat(rig.smtp.messages()).isEmpty();
  }
}
