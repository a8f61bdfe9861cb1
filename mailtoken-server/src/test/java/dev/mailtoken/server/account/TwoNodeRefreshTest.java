package dev.mailtoken.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailtoken.server.HandScheduler;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.PostgresServer;
import dev.mailtoken.server.ServerConfig;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testsupport.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two server nodes on one PostgreSQL keep the same accounts fresh: when every account nears
 * expiry at once, both nodes' proactive refreshes fire together, and the provider still sees
 * exactly one refresh per account.
 */
@ExtendWith(PostgresServer.Resolver.class)
class TwoNodeRefreshTest {
  static final int ACCOUNTS = 12;

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @Test
  void givenTwoNodesOnOnePostgres_whenAllAccountsNearExpiryAtOnce_thenExactlyOneRefreshPerAccount(
      PostgresServer postgres) throws Exception {
    try (ServerFixture fixture = new ServerFixture(postgres.newDatabase())) {
      ProviderEmulator emulator = fixture.emulator();
      logs.forbidAll(emulator::issuedSecrets);
      CredentialStore setup = fixture.store();
      for (int i = 0; i < ACCOUNTS; i++) {
        fixture.addAccount(setup, "user" + i + "@example.com", Duration.ofMinutes(7));
      }
      ServerConfig config = ServerConfig.builder().set(dev.mailtoken.server.ConfigKey.REFRESH_RATE, "1000").build();
      HandScheduler first = new HandScheduler(fixture.clock);
      HandScheduler second = new HandScheduler(fixture.clock);
      MailtokenServer a = fixture.start(config, Optional.of(first));
      MailtokenServer b = fixture.start(config, Optional.of(second));
      // one proactive refresh per account, and the webhook worker's next pass
      assertThat(first.pending()).hasSize(ACCOUNTS + 1);
      assertThat(second.pending()).hasSize(ACCOUNTS + 1);

      fixture.clock.advance(Duration.ofMinutes(2));   // past expiry - 5 min - jitter for every account
      CountDownLatch go = new CountDownLatch(1);
      Thread t1 = new Thread(() -> runWhen(go, first));
      Thread t2 = new Thread(() -> runWhen(go, second));
      t1.start();
      t2.start();
      go.countDown();
      t1.join();
      t2.join();

      Instant fresh = fixture.clock.instant().plus(Duration.ofMinutes(30));
      await().atMost(Duration.ofSeconds(60)).until(() -> setup.accounts().stream().allMatch(
          acc -> acc.accessTokenExpiresAt().map(e -> e.isAfter(fresh)).orElse(false))
          && refreshed(a) && refreshed(b));
      assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(ACCOUNTS);
      Map<String, Long> perToken = emulator.requests().stream().filter(r -> r.endpoint() == Endpoint.TOKEN)
          .collect(Collectors.groupingBy(r -> r.param("refresh_token").orElse(""), Collectors.counting()));
      assertThat(perToken).hasSize(ACCOUNTS).allSatisfy((token, count) -> assertThat(count).isEqualTo(1));
      assertThat(setup.accounts()).extracting(StoredAccount::lastRefresh).allMatch(Optional::isPresent);
    }
  }

  private static boolean refreshed(MailtokenServer node) throws Exception {
    return node.accounts().list().stream().allMatch(v -> node.accounts().status(v.id())
        .flatMap(s -> s.tokenExpiresAt()).map(e -> e.isAfter(Instant.parse("2031-05-17T10:00:00Z"))).orElse(false));
  }

  private static void runWhen(CountDownLatch go, HandScheduler scheduler) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler.runDue();
  }

}
