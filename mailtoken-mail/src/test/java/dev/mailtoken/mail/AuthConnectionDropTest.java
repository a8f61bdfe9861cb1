package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.testkit.AuthAttempt;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccountHealth;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection closed during AUTH, before any answer, is a connection failure: reconnected once with
 * the same token, never taken as a rejected token (no renewal, no refresh, and a fixed-token account
 * is not parked as needing reauthorization).
 */
class AuthConnectionDropTest {
  @RegisterExtension final LogCapture logs = new LogCapture();
  private final List<SendEvent> events = new CopyOnWriteArrayList<>();
  private MailRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void givenOneDropDuringAuth_whenSending_thenReconnectedOnceWithTheSameTokenAndDelivered() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build());
    rig.smtp.faults().dropDuringAuth(1);

    mailer.send(MailRig.message(alice, "bob@example.org", "after a drop"));

    assertThat(rig.smtp.messages()).hasSize(1);
    assertThat(rig.smtp.authAttempts()).extracting(AuthAttempt::accepted).containsExactly(false, true);
    assertThat(rig.smtp.authAttempts().get(1).token()).isEqualTo(rig.smtp.authAttempts().get(0).token());
    assertThat(rig.provider.requests(Endpoint.TOKEN)).hasSize(1);
  }

  @Test
  void givenOneDropDuringAuth_whenSending_thenListenersHearOneSentAndNoRejection() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build(), events::add);
    rig.smtp.faults().dropDuringAuth(1);

    mailer.send(MailRig.message(alice, "bob@example.org", "after a drop"));

    assertThat(events).singleElement().isInstanceOf(SendEvent.Sent.class);
  }

  @Test
  void givenTwoDropsDuringAuth_whenSending_thenListenersHearOneFailedAndNoRejection() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build(), events::add);
    rig.smtp.faults().dropDuringAuth(2);

    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, "bob@example.org", "dropped")))
        .isInstanceOf(SmtpFailureException.class);

    assertThat(events).singleElement().isInstanceOf(SendEvent.Failed.class);
  }

  @Test
  void givenFixedTokenAndTwoDropsDuringAuth_whenSending_thenTransientFailureAndTheAccountStaysHealthy()
      throws Exception {
    rig = MailRig.gmail(logs);
    String token = rig.accountWithFixedToken("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build());
    rig.smtp.faults().dropDuringAuth(2);

    assertThatThrownBy(() -> mailer.send(MailRig.message("alice@example.com", "bob@example.org", "dropped")))
        .isInstanceOfSatisfying(SmtpFailureException.class, e -> {
          assertThat(e.isTransient()).isTrue();
          assertThat(e.mayHaveBeenDelivered()).isFalse();
          assertThat(e).hasMessageContaining("closed the connection during AUTH");
        })
        .isNotInstanceOf(ReauthorizationRequiredException.class);

    assertThat(rig.tokens.status("alice@example.com").orElseThrow().health()).isEqualTo(AccountHealth.HEALTHY);
    assertThat(rig.smtp.authAttempts()).extracting(AuthAttempt::token).containsExactly(token, token);
    mailer.send(MailRig.message("alice@example.com", "bob@example.org", "later"));
    assertThat(rig.smtp.messages()).hasSize(1);
  }
}
