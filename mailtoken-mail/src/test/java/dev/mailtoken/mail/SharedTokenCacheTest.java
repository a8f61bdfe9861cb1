package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.AuthAttempt;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testkit.TokenInfo;
import dev.mailtoken.testsupport.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One token cache for every connection and account: refreshes are shared, credentials never mixed. */
class SharedTokenCacheTest {
  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void givenTokenExpiresBetweenTwoSends_whenSendingAgain_thenOneRefreshAndTheSendSucceeds() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build());
    mailer.send(MailRig.message(alice, "bob@example.org", "first"));
    long before = rig.provider.requestCount(Endpoint.TOKEN);

    rig.clock.advance(Duration.ofHours(2));
    mailer.send(MailRig.message(alice, "bob@example.org", "second"));

    assertThat(rig.provider.requestCount(Endpoint.TOKEN) - before).isEqualTo(1);
    assertThat(rig.smtp.messages()).hasSize(2);
    List<AuthAttempt> auths = rig.smtp.authAttempts();
    assertThat(auths).extracting(AuthAttempt::accepted).containsExactly(true, true);
    assertThat(auths.get(1).token()).isNotEqualTo(auths.get(0).token());
  }

  @Test
  void givenEightThreadsOnOnePoolAtTokenExpiry_whenAllSend_thenExactlyOneRefresh() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().poolSize(3).build());
    mailer.send(MailRig.message(alice, "bob@example.org", "warm-up"));
    rig.clock.advance(Duration.ofHours(2));
    long before = rig.provider.requestCount(Endpoint.TOKEN);

    ExecutorService threads = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<SendResult>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        String subject = "burst " + i;
        results.add(threads.submit(() -> {
          go.await();
          return mailer.send(MailRig.message(alice, "bob@example.org", subject));
        }));
      }
      go.countDown();
      for (Future<SendResult> f : results) {
        assertThat(f.get(30, TimeUnit.SECONDS).serverReply()).startsWith("250");
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(rig.provider.requestCount(Endpoint.TOKEN) - before).isEqualTo(1);
    assertThat(rig.smtp.messages()).hasSize(9);
    assertThat(rig.smtp.connectionCount()).isLessThanOrEqualTo(4);
  }

  @Test
  void givenTwoUsersSendingPerMessage_whenInterleavedConcurrently_thenEachAuthUsesItsOwnUsersToken() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    String carol = rig.account("carol@example.com");
    Mailer mailer = rig.mailer(rig.server().build());

    ExecutorService threads = Executors.newFixedThreadPool(6);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<SendResult>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 12; i++) {
        String as = i % 2 == 0 ? alice : carol;
        String subject = "per-message " + i;
        results.add(threads.submit(() -> {
          go.await();
          // From is the other user: the per-message account, not From, decides the credentials.
          return mailer.send(MailRig.message(as.equals(alice) ? carol : alice, "bob@example.org", subject), as);
        }));
      }
      go.countDown();
      for (Future<SendResult> f : results) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(rig.smtp.authAttempts()).isNotEmpty().allSatisfy(a -> {
      assertThat(a.accepted()).isTrue();
      assertThat(rig.provider.introspect(a.token())).map(TokenInfo::user).hasValue(a.user());
    });
    assertThat(rig.smtp.authAttempts()).extracting(AuthAttempt::user).contains(alice, carol);
    assertThat(rig.smtp.messages()).hasSize(12)
        .allSatisfy(m -> assertThat(m.text()).contains("per-message"));
    assertThat(rig.smtp.messages()).filteredOn(m -> m.authenticatedUser().equals(alice)).hasSize(6);
  }

  @Test
  void givenPerMessageAccounts_whenSending_thenEnvelopeSenderIsTheMessagesFrom() throws Exception {
    rig = MailRig.gmail(logs);
    String alice = rig.account("alice@example.com");
    Mailer mailer = rig.mailer(rig.server().build());

    mailer.send(MailRig.message(alice, "bob@example.org", "envelope"), alice);

    assertThat(rig.smtp.messages()).extracting(ReceivedMessage::envelopeFrom).containsExactly(alice);
  }
}
