package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.Secret;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.AccountHealth;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
 * An account's tokens per scope set (Microsoft's SMTP and Graph from one refresh token), stored
 * apart and encrypted, refreshed under the account's one claim. The emulator retires a refresh
 * token when it rotates and kills the grant if a retired one comes back, so any stale use fails.
 */
abstract class ResourceTokensBehaviour extends StoreTestSupport {
  static final String ALICE = "alice@example.com";
  static final String API = "https://api.example.com/mail.send";
  static final List<String> API_SCOPES = List.of(API);

  /** A store with ALICE consented to the app's scopes and to {@link #API}. */
  CredentialStore storeWithTwoResources() throws Exception {
    CredentialStore store = open();
    store.addApp(app());
    List<String> consented = new ArrayList<>(SCOPES);
    consented.add(API);
    Secret rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, ALICE, consented));
    store.putAccount(NewAccount.withRefreshToken(ALICE, APP, rt, consented, Optional.empty()));
    return store;
  }

  private List<String> scopeParams() {
    return emulator.requests(Endpoint.TOKEN).stream().map(r -> r.param("scope").orElse("")).toList();
  }

  @Test
  void givenTwoScopeSets_whenEachIsAskedTwice_thenEachIsRefreshedOnceAndStoredApart() throws Exception {
    CredentialStore store = storeWithTwoResources();

    AccessToken own = store.freshToken(ALICE, false, client);
    AccessToken api = store.freshToken(ALICE, API_SCOPES, false, client);

    assertThat(store.freshToken(ALICE, List.of(API, API), false, client)).isEqualTo(api);
    assertThat(store.freshToken(ALICE, false, client)).isEqualTo(own);
    assertThat(api.value()).isNotEqualTo(own.value());
    assertThat(scopeParams()).containsExactly("", API);
    assertThat(store.cachedAccessToken(ALICE, API_SCOPES, Duration.ofMinutes(5))).contains(api);
    assertThat(store.cachedAccessToken(ALICE, Duration.ofMinutes(5))).contains(own);
    assertThat(store.resourceTokenKeys(ALICE)).containsExactly(API);
  }

  @Test
  void givenTheScopedRefreshRotated_whenAnotherStoreRefreshesTheOwnToken_thenItPresentsTheRotatedRefreshToken()
      throws Exception {
    CredentialStore first = storeWithTwoResources();
    CredentialStore second = open();
    first.freshToken(ALICE, API_SCOPES, false, client);
    Secret rotated = second.secrets(ALICE).orElseThrow().refreshToken().orElseThrow();

    AccessToken own = second.freshToken(ALICE, false, client);

    assertThat(emulator.introspect(own.value().reveal())).isPresent();
    assertThat(emulator.requests(Endpoint.TOKEN).get(1).param("refresh_token")).contains(rotated.reveal());
    assertThat(second.account(ALICE).orElseThrow().health()).isEqualTo(AccountHealth.HEALTHY);
  }

  @Test
  void givenTwoStores_whenBothScopeSetsAreAskedAtOnce_thenOneRequestEachAndNoRefreshTokenIsUsedTwice()
      throws Exception {
    CredentialStore first = storeWithTwoResources();
    CredentialStore second = open();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<AccessToken>> asked = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        CredentialStore store = i % 2 == 0 ? first : second;
        List<String> scopes = i % 4 < 2 ? List.of() : API_SCOPES;
        asked.add(pool.submit(() -> {
          go.await();
          return store.freshToken(ALICE, scopes, false, client);
        }));
      }
      go.countDown();
      for (Future<AccessToken> f : asked) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<String> presented = emulator.requests(Endpoint.TOKEN).stream()
        .map(r -> r.param("refresh_token").orElseThrow()).toList();
    assertThat(presented).hasSize(2).doesNotHaveDuplicates();
    assertThat(scopeParams()).containsExactlyInAnyOrder("", API);
  }

  @Test
  void givenScopesNeverConsentedTo_whenAsked_thenTheErrorIsThrownAndTheAccountIsAsItWas() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);

    assertThatThrownBy(() -> store.freshToken(ALICE, API_SCOPES, false, client))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("invalid_scope");

    StoredAccount account = store.account(ALICE).orElseThrow();
    assertThat(account.health()).isEqualTo(AccountHealth.HEALTHY);
    assertThat(account.lastError()).isEmpty();
    assertThat(store.refreshState(ALICE).orElseThrow().failures()).isZero();
    assertThat(store.refreshState(ALICE).orElseThrow().refreshingAt(clock.instant())).isFalse();
    assertThat(store.freshToken(ALICE, false, client)).isNotNull();
  }

  @Test
  void givenAResourceToken_whenTheAccountIsReauthorizedOrRevoked_thenItIsForgotten() throws Exception {
    CredentialStore store = storeWithTwoResources();
    store.freshToken(ALICE, API_SCOPES, false, client);

    store.replaceAccount(newAccount(ALICE));
    assertThat(store.cachedAccessToken(ALICE, API_SCOPES, Duration.ZERO)).isEmpty();

    store.saveAccessToken(ALICE, API_SCOPES, AccessToken.of("stored-api", clock.instant().plus(Duration.ofHours(1))));
    assertThat(store.cachedAccessToken(ALICE, API_SCOPES, Duration.ZERO)).isPresent();
    store.clearSecrets(ALICE);
    assertThat(store.resourceTokenKeys(ALICE)).isEmpty();
  }

  @Test
  void givenAResourceToken_whenTheRawTableIsRead_thenOnlyCiphertextUnderTheStoreKeyIsThere() throws Exception {
    CredentialStore store = storeWithTwoResources();
    AccessToken api = store.freshToken(ALICE, API_SCOPES, false, client);

    String raw = single("SELECT access_token FROM resource_tokens");

    assertThat(raw).startsWith(keys.currentKeyId() + ":").doesNotContain(api.value().reveal());
  }

  @Test
  void givenAResourceTokenCopiedToAnotherAccount_whenRead_thenIntegrityErrorNotTheToken() throws Exception {
    CredentialStore store = storeWithTwoResources();
    store.putAccount(newAccount("bob@example.com"));
    store.freshToken(ALICE, API_SCOPES, false, client);
    try (Connection c = raw(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO resource_tokens (address, scope_key, access_token, refreshed_at)"
          + " SELECT 'bob@example.com', scope_key, access_token, refreshed_at FROM resource_tokens");
    }

    assertThatThrownBy(() -> store.cachedAccessToken("bob@example.com", API_SCOPES, Duration.ZERO))
        .isInstanceOf(StoreKeyException.class).hasMessageContaining("integrity");
  }

  @Test
  void givenAResourceToken_whenKeysAreRotated_thenItIsReadableUnderTheNewKeyAndTheOldKeyIsUnused() throws Exception {
    CredentialStore store = storeWithTwoResources();
    long withoutIt = usage(store, keys.currentKeyId());
    AccessToken api = store.freshToken(ALICE, API_SCOPES, false, client);
    long withIt = usage(store, keys.currentKeyId());
    KeyRing next = KeyRing.generate();
    logs.forbid(next.currentKeyBase64().reveal());

    store.rotateKeys(next);

    assertThat(withIt - withoutIt).as("key usage counts the resource token").isEqualTo(1);
    assertThat(usage(store, keys.currentKeyId())).isZero();
    assertThat(open(next).cachedAccessToken(ALICE, API_SCOPES, Duration.ZERO)).contains(api);
  }

  @Test
  void givenADefaultTransport_whenSetAndReauthorized_thenItIsKeptAndSealed() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);

    store.updateAccount(ALICE, store.account(ALICE).orElseThrow().version(), AccountEdit.none().withTransport("graph"));
    store.replaceAccount(newAccount(ALICE));

    assertThat(store.account(ALICE).orElseThrow().transport()).contains("graph");
    assertThat(store.secrets(ALICE)).isPresent();   // the row MAC covers the transport and still matches
    assertThatThrownBy(() -> AccountEdit.none().withTransport("Graph API"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static long usage(CredentialStore store, String keyId) throws Exception {
    return store.keyUsage().stream().filter(u -> u.keyId().equals(keyId)).mapToLong(KeyUsage::encryptedFields)
        .sum();
  }

  private String single(String sql) throws Exception {
    try (Connection c = raw(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
