package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real JVMs sharing one store while the provider hangs: one token request between them, and
 * every process returns within its own bound with a typed transient error (never a raw driver
 * error such as {@code SQLITE_BUSY}).
 */
abstract class ManyProcessesBehaviour extends StoreTestSupport {
  static final String ALICE = "alice@example.com";
  static final int PROCESSES = 3;
  static final long REQUEST_TIMEOUT_MS = 500;
  static final long COMPLETION_TIMEOUT_MS = 1500;
  static final long LOCK_WAIT_MS = 1000;

  @Test
  void givenHungProvider_whenSeveralProcessesAskAtOnce_thenOneRequestAndEachReturnsTypedWithinItsBound()
      throws Exception {
    storeWithAccount(ALICE);
    emulator.faults().always(Endpoint.TOKEN, Fault.delay(Duration.ofSeconds(4)));
    List<ChildProcess> children = new ArrayList<>();
    try {
      for (int i = 0; i < PROCESSES; i++) {
        children.add(ChildProcess.start(url(), keys, clock.instant(), ALICE, REQUEST_TIMEOUT_MS,
            COMPLETION_TIMEOUT_MS, LOCK_WAIT_MS));
      }
      for (ChildProcess child : children) {
        child.awaitReady(Duration.ofSeconds(60));
      }
      children.forEach(ChildProcess::go);

      List<String> results = new ArrayList<>();
      for (ChildProcess child : children) {
        results.add(child.awaitResult(Duration.ofSeconds(30)));
      }
      for (ChildProcess child : children) {
        assertThat(child.awaitExit(Duration.ofSeconds(30))).isTrue();
      }

      assertThat(emulator.requestCount(Endpoint.TOKEN)).as("%s", results).isEqualTo(1);
      for (String result : results) {
        String[] words = result.split(" ", 4);
        assertThat(words[0]).as(result).isEqualTo("FAILED");
        assertThat(words[1]).as(result).isIn("OAuthTimeoutException", "RefreshInProgressException",
            "TransientException");
        // The bound of one call: the lock wait, then (for the one that sends) the request timeout.
        assertThat(Long.parseLong(words[2])).as(result).isLessThan(LOCK_WAIT_MS + REQUEST_TIMEOUT_MS + 1000);
      }
    } finally {
      children.forEach(ChildProcess::close);
    }
  }
}
