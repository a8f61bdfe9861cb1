package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testsupport.LogCapture;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A recipient refused at RCPT TO (550 5.1.1) over a socket: typed error, nothing sent, connection kept. */
class RecipientRejectionTest {
  private static final String NOBODY = "nobody@example.org";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;
  private String alice;
  private Mailer mailer;

  @BeforeEach
  void start() {
    rig = MailRig.gmail(logs);
    rig.smtp.rejectRecipient(NOBODY);
    alice = rig.account("alice@example.com");
    mailer = rig.mailer(rig.server().build());
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void givenServerRefusesTheOnlyRecipient_whenSending_thenRecipientRejectedNamesTheAddressAndNothingIsSent() {
    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, NOBODY, "to nobody")))
        .isInstanceOfSatisfying(RecipientRejectedException.class, e -> {
          assertThat(e.recipients()).containsExactly(NOBODY);
          assertThat(e.serverReply()).contains("5.1.1");
          assertThat(e.isTransient()).isFalse();
          assertThat(e.account()).hasValue(alice);
        })
        .hasMessageContaining(NOBODY);
    assertThat(rig.smtp.messages()).isEmpty();
  }

  @Test
  void givenRecipientWasRejected_whenTheNextMessageIsSent_thenItIsDeliveredOverTheSameConnection() throws Exception {
    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, NOBODY, "to nobody")))
        .isInstanceOf(RecipientRejectedException.class);

    mailer.send(MailRig.message(alice, "bob@example.org", "to bob"));

    assertThat(rig.smtp.connectionCount()).isEqualTo(1);
    assertThat(rig.smtp.authAttempts()).hasSize(1);
    assertThat(rig.smtp.messages()).singleElement().satisfies(m -> assertThat(m.recipients()).containsExactly("bob@example.org"));
  }

  @Test
  void givenOneOfTwoRecipientsRefused_whenSending_thenNothingIsSentAndOnlyTheRefusedOneIsNamed() throws Exception {
    MimeMessage message = MailRig.message(alice, "bob@example.org", "to bob and nobody");
    message.addRecipient(Message.RecipientType.CC, new InternetAddress(NOBODY));

    assertThatThrownBy(() -> mailer.send(message))
        .isInstanceOfSatisfying(RecipientRejectedException.class,
            e -> assertThat(e.recipients()).containsExactly(NOBODY));
    assertThat(rig.smtp.messages()).isEmpty();
  }
}
