package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.TransientException;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.token.AccessToken;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many processes, one provider outage: at most one token request per account in flight, waiters
 * use its outcome or give up typed and in time, and backoff and Retry-After hold for every process.
 * Store instances on one database stand in for processes ({@link ManyProcessesBehaviour} uses real
 * JVMs).
 */
abstract class SharedOutageBehaviour extends StoreTestSupport {
  static final String ALICE = "alice@example.com";

  @Test
  void givenProviderAnswering429WithRetryAfter600_whenThreeProcessesAsk_thenOneRequestAndAllWaitTheSame()
      throws Exception {
    CredentialStore first = storeWithAccount(ALICE);
    emulator.faults().next(Endpoint.TOKEN, Fault.tooManyRequests(Duration.ofSeconds(600)));

    assertThatThrownBy(() -> first.freshToken(ALICE, false, client)).isInstanceOf(TransientException.class);
    for (CredentialStore other : new CredentialStore[] {open(), open()}) {
      assertThatThrownBy(() -> other.freshToken(ALICE, false, client)).isInstanceOf(TransientException.class)
          .hasMessageContaining("waits until " + clock.instant().plusSeconds(600))
          .matches(e -> ((TransientException) e).retryAfter().orElseThrow().equals(Duration.ofSeconds(600)));
    }

    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
    RefreshState state = open().refreshState(ALICE).orElseThrow();
    assertThat(state.nextAttemptAt()).contains(clock.instant().plusSeconds(600));
    assertThat(state.failures()).isEqualTo(1);
  }

  @Test
  void givenRetryAfterPassed_whenAsked_thenRefreshedAndTheBackoffCleared() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    emulator.faults().next(Endpoint.TOKEN, Fault.tooManyRequests(Duration.ofSeconds(600)));
    assertThatThrownBy(() -> store.freshToken(ALICE, false, client)).isInstanceOf(TransientException.class);
    clock.advance(Duration.ofSeconds(601));

    assertThat(open().freshToken(ALICE, false, client)).isNotNull();

    assertThat(store.refreshState(ALICE).orElseThrow()).isEqualTo(RefreshState.NONE);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(2);
  }

  @Test
  void givenAnotherProcessRefreshing_whenItsRefreshFails_thenTheWaiterGetsThatOutcomeWithoutARequestOfItsOwn()
      throws Exception {
    CredentialStore owner = storeWithAccount(ALICE);
    CredentialStore waiter = open();
    emulator.revokeUser(ALICE);
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(800)));
    CompletableFuture<AccessToken> first = CompletableFuture.supplyAsync(() -> fresh(owner));
    eventually(Duration.ofSeconds(10), () -> emulator.requestCount(Endpoint.TOKEN) == 1);

    assertThatThrownBy(() -> waiter.freshToken(ALICE, false, client))
        .isInstanceOf(ReauthorizationRequiredException.class);

    assertThat(first).failsWithin(Duration.ofSeconds(10));
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  @Test
  void givenAnotherProcessRefreshingLongerThanTheLockWait_whenAsked_thenTypedTransientNamingItAndNoRequest()
      throws Exception {
    CredentialStore owner = storeWithAccount(ALICE);
    CredentialStore waiter = openWaitingOnTheClock(StoreOptions.builder().lockWait(Duration.ofSeconds(3)).build());
    // The owner's answer takes 3 s of real time; the waiter's 3 s lock wait passes on the test clock.
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofSeconds(3)));
    CompletableFuture<AccessToken> first = CompletableFuture.supplyAsync(() -> fresh(owner));
    eventually(Duration.ofSeconds(10), () -> emulator.requestCount(Endpoint.TOKEN) == 1);

    assertThatThrownBy(() -> waiter.freshToken(ALICE, false, client))
        .isInstanceOf(RefreshInProgressException.class)
        .hasMessageContaining("has been refreshing " + ALICE + " for 3 s")
        .matches(e -> ((MailtokenException) e).isTransient());

    assertThat(first).isNotDone();
    assertThat(first.get(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  @Test
  void givenTransientFailure_whenAnotherProcessAsksDuringTheBackoff_thenNoRequestUntilItPassed() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    emulator.faults().next(Endpoint.TOKEN, Fault.status(503, "{\"error\":\"temporarily_unavailable\"}"));
    assertThatThrownBy(() -> store.freshToken(ALICE, false, client)).isInstanceOf(TransientException.class);
    Instant next = store.refreshState(ALICE).orElseThrow().nextAttemptAt().orElseThrow();

    assertThatThrownBy(() -> open().freshToken(ALICE, true, client)).isInstanceOf(TransientException.class)
        .hasMessageContaining("waits until " + next);
    clock.set(next);

    assertThat(open().freshToken(ALICE, false, client)).isNotNull();
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(2);
  }

  @Test
  void givenDatabaseLockedByAnotherProcess_whenFreshTokenAsked_thenTypedTransientWithinTheLockWait() throws Exception {
    storeWithAccount(ALICE);
    CredentialStore store = openWithLockWait(Duration.ofMillis(500));
    try (Connection other = raw()) {
      lockAccount(other, ALICE);
      long start = System.nanoTime();

      assertThatThrownBy(() -> store.freshToken(ALICE, false, client)).isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("locked").hasMessageContaining("MAILTOKEN_LOCK_WAIT")
          .matches(e -> ((MailtokenException) e).isTransient());

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      other.rollback();
    }
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isZero();
  }

  private CredentialStore openWithLockWait(Duration wait) throws MailtokenException {
    CredentialStore store = CredentialStore.open(url(), keys, clock, StoreOptions.builder().lockWait(wait).build());
    opened.add(store);
    return store;
  }

  /** Takes the lock a refresh needs, as another process in the middle of a write would hold it. */
  private void lockAccount(Connection c, String address) throws Exception {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      if (url().startsWith("jdbc:sqlite:")) {
        s.executeUpdate("UPDATE accounts SET updated_at = updated_at WHERE address = '" + address + "'");
      } else {
        s.executeQuery("SELECT address FROM accounts WHERE address = '" + address + "' FOR UPDATE").close();
      }
    }
  }

  private AccessToken fresh(CredentialStore store) {
    try {
      return store.freshToken(ALICE, false, client);
    } catch (MailtokenException e) {
      throw new IllegalStateException(e);
    }
  }
}
