package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.token.AccessToken;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two real JVMs refresh one account at the same moment: one token request, one token. */
abstract class SecondProcessBehaviour extends StoreTestSupport {
  static final String ALICE = "alice@example.com";

  @Test
  void givenTwoProcesses_whenBothAskForAFreshTokenAtOnce_thenOneTokenRequestAndBothGetTheSameToken() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    // A slow token endpoint holds the first refresh open while the other process asks.
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(500)));
    try (ChildProcess child = ChildProcess.start(url(), keys, clock.instant(), ALICE)) {
      child.awaitReady(Duration.ofSeconds(60));
      CountDownLatch go = new CountDownLatch(1);
      CompletableFuture<AccessToken> ours = CompletableFuture.supplyAsync(() -> {
        try {
          go.await();
          return store.freshToken(ALICE, false, client);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      go.countDown();
      child.go();

      String fingerprint = ours.get(30, TimeUnit.SECONDS).value().fingerprint();
      assertThat(child.awaitResult(Duration.ofSeconds(30))).startsWith("TOKEN " + fingerprint + " ");
      assertThat(child.awaitExit(Duration.ofSeconds(30))).isTrue();
      assertThat(child.exitValue()).isZero();
      assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
    }
  }
}
