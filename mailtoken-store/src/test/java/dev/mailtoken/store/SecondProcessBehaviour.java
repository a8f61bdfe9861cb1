package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.token.AccessToken;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), RefreshInAnotherProcess.class.getName(),
        url(), keys.currentKeyBase64().reveal(), clock.instant().toString(), ALICE)
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> childToken = CompletableFuture.supplyAsync(() -> readToken(out));
      awaitReady(out);
      CountDownLatch go = new CountDownLatch(1);
      CompletableFuture<AccessToken> ours = CompletableFuture.supplyAsync(() -> {
        try {
          go.await();
          return store.freshToken(ALICE, false, client);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
      go.countDown();
      in.write("go\n");
      in.flush();

      String fingerprint = ours.get(30, TimeUnit.SECONDS).value().fingerprint();
      assertThat(childToken.get(30, TimeUnit.SECONDS)).isEqualTo(fingerprint);
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();
      assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
    } finally {
      child.destroyForcibly();
    }
  }

  private final CountDownLatch ready = new CountDownLatch(1);

  private void awaitReady(BufferedReader out) throws InterruptedException {
    assertThat(ready.await(60, TimeUnit.SECONDS)).as("second process started").isTrue();
  }

  /** Reads the child's output (its logs too) until the TOKEN line; counts down READY on the way. */
  private String readToken(BufferedReader out) {
    try {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.equals("READY")) {
          ready.countDown();
        } else if (line.startsWith("TOKEN ")) {
          return line.substring("TOKEN ".length());
        }
      }
      return "child ended without a token";
    } catch (java.io.IOException e) {
      return "child output failed: " + e;
    }
  }
}
