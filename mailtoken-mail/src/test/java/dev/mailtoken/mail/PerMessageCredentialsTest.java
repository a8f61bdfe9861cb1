package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.Secret;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Nodemailer's per-message auth: credentials given with the message register the account on first use. */
class PerMessageCredentialsTest {
  private static final String ALICE = "alice@gmail.com";
  private static final String BOB = "bob@gmail.com";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    rig.close();
  }

  private String refreshToken(String user) {
    String rt = rig.provider.issueRefreshToken(MailRig.CLIENT_ID, user, List.of(MailRig.GMAIL_SCOPE));
    logs.forbid(rt);
    return rt;
  }

  @Test
  void givenUnregisteredUsers_whenEachMessageCarriesItsCredentials_thenEachIsSentAsItsUserWithOneRefreshEach()
      throws Exception {
    rig = MailRig.gmail(logs);
    String aliceRt = refreshToken(ALICE);
    String bobRt = refreshToken(BOB);
    Mailer mailer = rig.mailer(rig.server().build());

    for (int i = 0; i < 2; i++) {
      mailer.send(MailRig.message(ALICE, "carol@example.org", "a" + i),
          Credentials.refreshToken(ALICE, rig.app(), aliceRt));
      mailer.send(MailRig.message(BOB, "carol@example.org", "b" + i),
          Credentials.refreshToken(BOB, rig.app(), Secret.of(bobRt)));
    }

    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::authenticatedUser)
        .containsExactly(ALICE, BOB, ALICE, BOB);
    assertThat(rig.provider.requests(Endpoint.TOKEN)).hasSize(2);
    assertThat(rig.tokens.accounts()).containsExactlyInAnyOrder(ALICE, BOB);
  }

  @Test
  void givenCredentialsWithAValidAccessToken_whenSent_thenNoRefreshIsMade() throws Exception {
    rig = MailRig.gmail(logs);
    String rt = refreshToken(ALICE);
    String access = rig.provider.issueAccessToken(MailRig.CLIENT_ID, ALICE, List.of(MailRig.GMAIL_SCOPE));
    Mailer mailer = rig.mailer(rig.server().build());

    mailer.send(MailRig.message(ALICE, "carol@example.org", "seeded"), Credentials.refreshToken(ALICE, rig.app(), rt)
        .withAccessToken(AccessToken.of(access, rig.clock.instant().plus(Duration.ofMinutes(50)))));

    assertThat(rig.provider.requests(Endpoint.TOKEN)).isEmpty();
    assertThat(rig.smtp.messages()).hasSize(1);
  }

  @Test
  void givenCredentialsToStringOrLogged_whenPrinted_thenNoTokenAppears() {
    rig = MailRig.gmail(logs);
    String rt = refreshToken(ALICE);

    Credentials credentials = Credentials.refreshToken(ALICE, rig.app(), rt)
        .withAccessToken(AccessToken.of("ya29.caller-held", rig.clock.instant()));

    assertThat(credentials.toString()).contains(ALICE).doesNotContain(rt).doesNotContain("ya29.caller-held");
  }
}
