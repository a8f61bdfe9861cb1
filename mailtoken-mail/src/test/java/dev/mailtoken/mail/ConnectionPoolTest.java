package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testkit.AuthAttempt;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reuse, idle timeout, aged sessions (T-C-07) and dropped connections. */
class ConnectionPoolTest {
  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void givenSequentialSends_whenConnectionIsHealthy_thenOneConnectionAndOneAuthAreUsed() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build());

    for (int i = 0; i < 5; i++) {
      mailer.send(MailRig.message(alice, "bob@example.org", "reuse " + i));
    }

    assertThat(rig.smtp.connectionCount()).isEqualTo(1);
    assertThat(rig.smtp.authAttempts()).hasSize(1);
    assertThat(rig.smtp.messages()).hasSize(5);
  }

  @Test
  void givenServerDropsTheConnectionAfterAuth_whenSending_thenReconnectsOnceAndDeliversOnce() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build());
    mailer.send(MailRig.message(alice, "bob@example.org", "before"));
    rig.smtp.faults().dropAfterAuth(1);
    rig.smtp.clear();
    mailer.close();
    mailer = rig.mailer(rig.server().build());

    mailer.send(MailRig.message(alice, "bob@example.org", "after drop"));

    assertThat(rig.smtp.authAttempts()).hasSize(2);
    assertThat(rig.smtp.messages()).hasSize(1);
  }

  @Test
  void givenPooledConnectionsTokenHasExpired_whenSending_thenConnectionIsReplacedWithAFreshToken() throws Exception {
    rig = MailRig.gmail(logs, b -> b);
    rig.smtp.faults().closeExpiredSessions(true);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().idleTimeout(Duration.ofDays(1)).build());
    mailer.send(MailRig.message(alice, "bob@example.org", "fresh"));

    rig.clock.advance(Duration.ofMinutes(90));
    mailer.send(MailRig.message(alice, "bob@example.org", "aged"));

    assertThat(rig.smtp.connectionCount()).isEqualTo(2);
    assertThat(rig.smtp.authAttempts()).extracting(AuthAttempt::accepted).containsExactly(true, true);
    assertThat(rig.smtp.messages()).hasSize(2);
  }

  @Test
  void givenPooledConnectionsTokenExpiresWithinTheMargin_whenSending_thenConnectionIsReplacedBeforeTheServerDropsIt()
      throws Exception {
    rig = MailRig.gmail(logs, b -> b);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().idleTimeout(Duration.ofDays(1)).build());
    mailer.send(MailRig.message(alice, "bob@example.org", "fresh"));
    Instant expiry = rig.tokens.status(alice).orElseThrow().tokenExpiresAt().orElseThrow();

    rig.clock.advance(Duration.between(rig.clock.instant(), expiry.minusSeconds(30))); // valid, but only just
    mailer.send(MailRig.message(alice, "bob@example.org", "last minute"));

    assertThat(rig.smtp.connectionCount()).isEqualTo(2);
    assertThat(rig.smtp.messages()).hasSize(2);
  }

  /**
   * T-C-07 where the client cannot see it coming: the token source claims two hours, the server's
   * token lives one, so the pooled session looks fine until the server answers 421 and closes it.
   */
  @Test
  void givenServerDropsAnAgedSessionWith421_whenSending_thenReconnectsWithAFreshTokenAndDeliversOnce()
      throws Exception {
    rig = MailRig.gmail(logs);
    rig.smtp.faults().closeExpiredSessions(true);
    String alice = "alice@example.com";
    AtomicInteger renewals = new AtomicInteger();
    rig.tokens.register(new Account(alice, new CallbackGrant((account, renew) -> {
      if (renew) {
        renewals.incrementAndGet();
      }
      String token = rig.provider.issueAccessToken(MailRig.CLIENT_ID, account, List.of(rig.scope()));
      return AccessToken.of(token, rig.clock.instant().plus(Duration.ofHours(2)));
    })));
    Mailer mailer = rig.mailer(rig.server().idleTimeout(Duration.ofDays(1)).build());
    mailer.send(MailRig.message(alice, "bob@example.org", "fresh"));

    rig.clock.advance(Duration.ofMinutes(61));
    mailer.send(MailRig.message(alice, "bob@example.org", "aged"));

    // after the 421: the cached token (expired at the server) is rejected once, renewed once, accepted
    assertThat(rig.smtp.authAttempts()).extracting(AuthAttempt::accepted).containsExactly(true, false, true);
    assertThat(renewals).hasValue(1);
    List<AuthAttempt> accepted = rig.smtp.authAttempts().stream().filter(AuthAttempt::accepted).toList();
    assertThat(accepted).hasSize(2);
    assertThat(accepted.get(1).token()).isNotEqualTo(accepted.get(0).token());
    assertThat(rig.smtp.messages()).extracting(m -> m.text().contains("Subject: aged")).containsExactly(false, true);
  }

  @Test
  void givenConnectionIdleLongerThanTheIdleTimeout_whenSending_thenANewConnectionIsOpened() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().idleTimeout(Duration.ofSeconds(30)).build());
    mailer.send(MailRig.message(alice, "bob@example.org", "one"));

    rig.clock.advance(Duration.ofSeconds(31));
    mailer.send(MailRig.message(alice, "bob@example.org", "two"));

    assertThat(rig.smtp.connectionCount()).isEqualTo(2);
  }

  @Test
  void givenExchangeAllowsThreeConnections_whenSixThreadsSendAtOnce_thenTheDefaultPoolNeverExceedsThree()
      throws Exception {
    rig = MailRig.exchange(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build());
    ExecutorService threads = Executors.newFixedThreadPool(6);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<SendResult>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        String subject = "exchange " + i;
        results.add(threads.submit(() -> {
          go.await();
          return mailer.send(MailRig.message(alice, "bob@example.org", subject));
        }));
      }
      go.countDown();
      for (Future<SendResult> f : results) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(rig.smtp.messages()).hasSize(6);
    assertThat(rig.smtp.connectionCount()).isLessThanOrEqualTo(3);
  }

  @Test
  void givenServerSlowerThanTheReadTimeout_whenSending_thenTransientSmtpFailure() {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    rig.smtp.faults().slowReplies(Duration.ofMillis(800));
    Mailer mailer = rig.mailer(rig.server().readTimeout(Duration.ofMillis(200)).build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(alice, "bob@example.org", "slow")))
        .isInstanceOfSatisfying(SmtpFailureException.class, e -> assertThat(e.isTransient()).isTrue());
  }
}
