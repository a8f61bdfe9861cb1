package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ServiceAccountKeyFile;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.AccountHealth;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.TokenCallback;
import dev.mailtoken.token.TokenManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Cross-process refresh: independent store instances on one database stand in for processes
 * (SecondProcessRefreshTest uses a real second JVM). The emulator retires a refresh token when
 * it rotates and kills the grant if a retired one is presented, so any use of a stale refresh
 * token fails the test.
 */
abstract class RefreshCoordinationBehaviour extends StoreTestSupport {
  static final String ALICE = "alice@example.com";

  @Test
  void givenTwoStoresOnOneDatabase_whenEightThreadsAskAtOnce_thenOneTokenRequestAndOneToken() throws Exception {
    CredentialStore first = storeWithAccount(ALICE);
    CredentialStore second = open();
    // A slow token endpoint keeps the first refresh in flight while the others arrive.
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(300)));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<AccessToken>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        CredentialStore store = i % 2 == 0 ? first : second;
        results.add(pool.submit(() -> {
          go.await();
          return store.freshToken(ALICE, false, client);
        }));
      }
      go.countDown();
      List<Secret> tokens = new ArrayList<>();
      for (Future<AccessToken> f : results) {
        tokens.add(f.get(30, TimeUnit.SECONDS).value());
      }
      assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
      assertThat(tokens).containsOnly(tokens.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void givenRotatingProvider_whenOneStoreRefreshed_thenTheOtherSeesTheRotatedTokenAtOnceAndCanUseIt() throws Exception {
    CredentialStore first = storeWithAccount(ALICE);
    CredentialStore second = open();
    Secret original = first.secrets(ALICE).orElseThrow().refreshToken().orElseThrow();

    AccessToken token = first.freshToken(ALICE, false, client);
    // Committed before the access token was handed out: the other store reads the rotated one now.
    Secret rotated = second.secrets(ALICE).orElseThrow().refreshToken().orElseThrow();
    clock.advance(Duration.ofHours(2));
    AccessToken next = second.freshToken(ALICE, false, client);

    assertThat(rotated).isNotEqualTo(original);
    assertThat(emulator.introspect(next.value().reveal())).isPresent();
    assertThat(next.value()).isNotEqualTo(token.value());
    assertThat(second.account(ALICE).orElseThrow().health()).isEqualTo(AccountHealth.HEALTHY);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(2);
  }

  @Test
  void givenStoredTokenStillValid_whenAskedWithoutRenew_thenNoRequest() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    AccessToken first = store.freshToken(ALICE, false, client);
    clock.advance(Duration.ofMinutes(30));

    assertThat(store.freshToken(ALICE, false, client)).isEqualTo(first);
    assertThat(store.cachedAccessToken(ALICE, Duration.ofMinutes(5))).contains(first);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  @Test
  void givenStoredTokenNearExpiry_whenCachedTokenAsked_thenEmptyAndFreshTokenRefreshes() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    AccessToken first = store.freshToken(ALICE, false, client);
    clock.advance(Duration.ofMinutes(56));

    assertThat(store.cachedAccessToken(ALICE, Duration.ofMinutes(5))).isEmpty();
    assertThat(store.freshToken(ALICE, false, client)).isNotEqualTo(first);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(2);
  }

  @Test
  void givenRejectedToken_whenAnotherStoreAlreadyRenewedIt_thenItsTokenIsReusedWithoutRequest() throws Exception {
    CredentialStore first = storeWithAccount(ALICE);
    CredentialStore second = open();
    AccessToken rejected = first.freshToken(ALICE, false, client);
    AccessToken renewedByFirst = first.freshToken(ALICE, rejected, client);

    AccessToken renewedBySecond = second.freshToken(ALICE, rejected, client);

    assertThat(renewedByFirst).isNotEqualTo(rejected);
    assertThat(renewedBySecond).isEqualTo(renewedByFirst);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(2);
  }

  @Test
  void givenRevokedGrant_whenRefreshing_thenReauthorizationRequiredIsCommittedAndNotRetried() throws Exception {
    CredentialStore first = storeWithAccount(ALICE);
    CredentialStore second = open();
    emulator.revokeUser(ALICE);

    assertThatThrownBy(() -> first.freshToken(ALICE, false, client))
        .isInstanceOf(ReauthorizationRequiredException.class);

    StoredAccount seen = second.account(ALICE).orElseThrow();
    assertThat(seen.health()).isEqualTo(AccountHealth.REAUTHORIZATION_REQUIRED);
    assertThat(seen.lastError()).isPresent();
    assertThatThrownBy(() -> second.freshToken(ALICE, false, client))
        .isInstanceOf(ReauthorizationRequiredException.class).hasMessageContaining("authorize");
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  @Test
  void givenARenewWaitingForAnotherStoresRefresh_whenThatRefreshFindsTheGrantDead_thenTheWaiterGetsReauthorizationNotTheRejectedToken()
      throws Exception {
    CredentialStore first = storeWithAccount(ALICE);
    CredentialStore second = open();
    AccessToken rejected = first.freshToken(ALICE, false, client);
    emulator.revokeUser(ALICE);
    // A slow token endpoint keeps the first store's renewal in flight while the second one waits for it.
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(500)));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<AccessToken> owner = pool.submit(() -> first.freshToken(ALICE, rejected, client));
      await().atMost(Duration.ofSeconds(10)).until(() -> second.refreshState(ALICE)
          .map(s -> s.refreshingAt(clock.instant())).orElse(false));
      Future<AccessToken> waiter = pool.submit(() -> second.freshToken(ALICE, rejected, client));

      assertThatThrownBy(() -> owner.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ReauthorizationRequiredException.class);
      assertThatThrownBy(() -> waiter.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ReauthorizationRequiredException.class);
      assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void givenTransientFailure_whenRefreshing_thenErrorRecordedAndGrantKept() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    long version = store.account(ALICE).orElseThrow().version();
    emulator.faults().next(Endpoint.TOKEN, Fault.status(503, "{\"error\":\"temporarily_unavailable\"}"));

    assertThatThrownBy(() -> store.freshToken(ALICE, false, client)).matches(e ->
        ((dev.mailtoken.MailtokenException) e).isTransient());

    StoredAccount after = store.account(ALICE).orElseThrow();
    assertThat(after.health()).isEqualTo(AccountHealth.HEALTHY);
    assertThat(after.lastError()).isPresent();
    assertThat(after.version()).isEqualTo(version);
    clock.set(store.refreshState(ALICE).orElseThrow().nextAttemptAt().orElseThrow()); // the shared backoff
    assertThat(store.freshToken(ALICE, false, client)).isNotNull();
    assertThat(store.account(ALICE).orElseThrow().lastError()).isEmpty();
  }

  @Test
  void givenTokenManagerWithTheStoresLoader_whenTokenAsked_thenTheStoreRefreshesAndSharesIt() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    CredentialStore other = open();
    try (TokenManager manager = TokenManager.builder().clock(clock).accountLoader(store.accountLoader(client))
        .build()) {
      AccessToken token = manager.token(ALICE);

      assertThat(other.cachedAccessToken(ALICE, Duration.ofMinutes(5))).contains(token);
      assertThat(manager.renew(ALICE, token)).isNotEqualTo(token);
      assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(2);
    }
  }

  @Test
  void givenLoaderCallback_whenCalledAgainAfterHandingOutAToken_thenItNeverReturnsTheSameTokenTwice() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    AccessToken storedByAnotherProcess = open().freshToken(ALICE, false, client);
    TokenCallback callback = ((CallbackGrant) store.accountLoader(client).load(ALICE).orElseThrow().grant()).callback();

    AccessToken first = callback.token(ALICE, false);
    AccessToken proactive = callback.token(ALICE, false);

    assertThat(first).isEqualTo(storedByAnotherProcess);
    assertThat(proactive).isNotEqualTo(first);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(2);
  }

  @Test
  void givenManagerRotatedARefreshToken_whenSavedThroughTheHook_thenStoredWithNewVersion() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    long before = store.account(ALICE).orElseThrow().version();
    Secret rotated = Secret.of("rotated-refresh-token-from-manager");

    store.refreshTokenStore().save(ALICE, rotated);

    assertThat(store.secrets(ALICE).orElseThrow().refreshToken()).contains(rotated);
    assertThat(store.account(ALICE).orElseThrow().version()).isEqualTo(before + 1);
    logs.forbid(rotated.reveal());
  }

  @Test
  void givenServiceAccount_whenFreshTokenAsked_thenSignedAssertionExchangedAndTokenStored() throws Exception {
    CredentialStore store = open();
    store.addApp(app());
    ServiceAccountKeyFile key = emulator.createServiceAccount("robot@example.iam", SCOPES);
    store.putAccount(NewAccount.withServiceAccount("robot@example.com", APP, Secret.of(key.json()),
        Optional.of("robot@example.com"), SCOPES));

    AccessToken token = store.freshToken("robot@example.com", false, client);

    assertThat(emulator.introspect(token.value().reveal()).orElseThrow().user()).isEqualTo("robot@example.com");
    assertThat(open().cachedAccessToken("robot@example.com", Duration.ofMinutes(5))).contains(token);
    assertThat(store.account("robot@example.com").orElseThrow().hasRefreshToken()).isFalse();
  }

  @Test
  void givenAdminRestoringTheOldRefreshToken_whenItRacesARotatingRefresh_thenTheStoredTokenAlwaysStillWorks()
      throws Exception {
    CredentialStore admin = storeWithAccount(ALICE);
    CredentialStore sender = open();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        StoredAccount read = admin.account(ALICE).orElseThrow();
        Secret old = admin.secrets(ALICE).orElseThrow().refreshToken().orElseThrow();
        CountDownLatch go = new CountDownLatch(1);
        Future<?> refresh = pool.submit(() -> {
          go.await();
          return sender.freshToken(ALICE, true, client);
        });
        Future<?> edit = pool.submit(() -> {
          go.await();
          try {
            return admin.updateAccount(ALICE, read.version(), AccountEdit.none().withRefreshToken(old));
          } catch (ConcurrentEditException e) {
            return false;   // the refresh won: the edit was refused, as it must be
          }
        });
        go.countDown();
        refresh.get(30, TimeUnit.SECONDS);
        edit.get(30, TimeUnit.SECONDS);
        // Whatever the order, the stored refresh token is the live one (reuse detection would kill a stale one).
        assertThat(admin.secrets(ALICE).orElseThrow().refreshToken()).isNotEqualTo(Optional.of(old));
      }
      clock.advance(Duration.ofHours(2));
      assertThat(sender.freshToken(ALICE, false, client)).isNotNull();
      assertThat(sender.account(ALICE).orElseThrow().health()).isEqualTo(AccountHealth.HEALTHY);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void givenUnknownAccount_whenFreshTokenAsked_thenNoSuchEntry() throws Exception {
    CredentialStore store = open();

    assertThatThrownBy(() -> store.freshToken("nobody@example.com", false, client))
        .isInstanceOf(NoSuchEntryException.class);
    assertThat(store.accountLoader(client).load("nobody@example.com")).isEmpty();
  }
}
