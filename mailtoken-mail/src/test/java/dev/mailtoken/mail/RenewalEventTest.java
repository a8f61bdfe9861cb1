package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.Rejection;
import dev.mailtoken.token.TokenEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A renewal that follows a server's rejection says so on its Issued event, with Gmail's decoded challenge. */
class RenewalEventTest {
  private static final String ALICE = "alice@example.com";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;
  private final List<TokenEvent.Issued> issued = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    rig.close();
  }

  /** ALICE's first token is revoked at once, so the server refuses it. */
  private void aliceWithStaleFirstToken() {
    AtomicInteger minted = new AtomicInteger();
    rig.tokens.register(new Account(ALICE, new CallbackGrant((account, renew) -> {
      String token = rig.provider.issueAccessToken(MailRig.CLIENT_ID, account, List.of(rig.scope()));
      if (minted.incrementAndGet() == 1) {
        rig.provider.revoke(token);
      }
      return AccessToken.of(token, rig.clock.instant().plus(Duration.ofHours(1)));
    })));
    rig.tokens.addListener(e -> {
      if (e instanceof TokenEvent.Issued i) {
        issued.add(i);
      }
    });
  }

  @Test
  void givenGmailRefusesWithA334Challenge_whenTheRenewedTokenIsIssued_thenItsEventCarriesTheDecodedChallenge()
      throws Exception {
    rig = MailRig.gmail(logs);
    aliceWithStaleFirstToken();

    rig.mailer(rig.server().build()).send(MailRig.message(ALICE, "bob@example.org", "renewed"));

    assertThat(issued).hasSize(2);
    assertThat(issued.get(0).renewedAfter()).isEmpty();
    Rejection reason = issued.get(1).renewedAfter().orElseThrow();
    assertThat(reason.transport()).isEqualTo("smtp");
    assertThat(reason.reply()).startsWith("535");
    assertThat(reason.challenge()).containsEntry("scope", MailRig.GMAIL_SCOPE).containsKey("status");
  }

  @Test
  void givenGraphRefusesWith401_whenTheRenewedTokenIsIssued_thenItsEventNamesGraph() throws Exception {
    rig = MailRig.exchange(logs);
    AtomicInteger minted = new AtomicInteger();
    rig.tokens.register(new Account(ALICE, new CallbackGrant((account, renew) -> {
      String token = rig.provider.issueAccessToken(MailRig.CLIENT_ID, account, List.of(GraphApi.MAIL_SEND));
      if (minted.incrementAndGet() == 1) {
        rig.provider.revoke(token);
      }
      return AccessToken.of(token, rig.clock.instant().plus(Duration.ofHours(1)));
    })));
    rig.tokens.addListener(e -> {
      if (e instanceof TokenEvent.Issued i) {
        issued.add(i);
      }
    });

    rig.mailer(GraphApi.builder().baseUri(rig.provider.baseUri()).build())
        .send(MailRig.message(ALICE, "bob@example.org", "graph renewed"));

    assertThat(issued).extracting(TokenEvent.Issued::scopes).containsOnly(List.of(GraphApi.MAIL_SEND));
    Rejection reason = issued.get(1).renewedAfter().orElseThrow();
    assertThat(reason.transport()).isEqualTo("graph");
    assertThat(reason.reply()).startsWith("HTTP 401");
    assertThat(reason.challenge()).isEmpty();
  }
}
