package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.Secret;
import dev.mailtoken.token.AccessToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encryption keys: wrong key, rotation, and ciphertexts bound to their row. Run on SQLite and PostgreSQL. */
abstract class KeyBehaviour extends StoreTestSupport {
  static final String ALICE = "alice@example.com";

  @Test
  void givenDatabaseEncryptedWithOneKey_whenOpenedWithAnother_thenClearErrorAndNothingOverwritten() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    store.freshToken(ALICE, false, client);
    Map<String, String> before = rawSecrets();
    KeyRing wrong = KeyRing.generate();

    assertThatThrownBy(() -> open(wrong)).isInstanceOf(StoreKeyException.class)
        .hasMessageContaining("(id " + wrong.currentKeyId() + ")")
        .hasMessageContaining("encrypted with (id " + keys.currentKeyId() + ")")
        .hasMessageContaining("MAILTOKEN_SECRET");

    assertThat(rawSecrets()).isEqualTo(before);
    assertThat(open().secrets(ALICE).orElseThrow().refreshToken()).isPresent();
  }

  @Test
  void givenKeyFileLost_whenANewKeyFileIsCreatedAndTheStoreOpened_thenClearErrorAndNothingOverwritten(
      @TempDir Path home) throws Exception {
    KeyRing original = KeyRing.fromEnvironment(Map.of(), home);
    logs.forbid(original.currentKeyBase64().reveal());
    CredentialStore store = open(original);
    store.addApp(app());
    store.putAccount(newAccount(ALICE));
    store.freshToken(ALICE, false, client);
    Map<String, String> before = rawSecrets();
    Files.delete(home.resolve(KeyRing.KEY_FILE));
    KeyRing replacement = KeyRing.fromEnvironment(Map.of(), home);
    logs.forbid(replacement.currentKeyBase64().reveal());

    assertThatThrownBy(() -> open(replacement)).isInstanceOf(StoreKeyException.class)
        .hasMessageContaining("encrypted with (id " + original.currentKeyId() + ")")
        .hasMessageContaining("MAILTOKEN_SECRET");

    assertThat(rawSecrets()).isEqualTo(before);
    assertThat(open(original).secrets(ALICE).orElseThrow().refreshToken()).isPresent();
  }

  @Test
  void givenSecretsUnderOldKey_whenKeysRotated_thenNewKeyReadsEverythingAndOldKeyFails() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    AccessToken token = store.freshToken(ALICE, false, client);
    AccountSecrets before = store.secrets(ALICE).orElseThrow();
    KeyRing next = KeyRing.generate();
    logs.forbid(next.currentKeyBase64().reveal());

    KeyRotation rotation = store.rotateKeys(next);

    assertThat(rotation.previousKeyIds()).containsExactly(keys.currentKeyId());
    assertThat(rotation.currentKeyId()).isEqualTo(next.currentKeyId());
    assertThat(rotation.apps()).isEqualTo(1);
    assertThat(rotation.accounts()).isEqualTo(1);
    assertThat(rotation.secrets()).isEqualTo(3);
    assertThat(rawSecrets().values()).allMatch(v -> v.startsWith(next.currentKeyId() + ":"));
    assertThatThrownBy(() -> open(keys)).isInstanceOf(StoreKeyException.class);
    CredentialStore reopened = open(next);
    assertThat(reopened.secrets(ALICE).orElseThrow()).isEqualTo(before);
    assertThat(reopened.app(APP).orElseThrow().clientSecret()).contains(Secret.of(CLIENT_SECRET));
    assertThat(reopened.cachedAccessToken(ALICE, java.time.Duration.ZERO)).contains(token);
  }

  @Test
  void givenAnotherProcessRotatedToAKeyThisOneLacks_whenTheKeyIsVerified_thenAKeyErrorNamingTheNewKey()
      throws Exception {
    CredentialStore running = storeWithAccount(ALICE);
    running.verifyKey();
    KeyRing next = KeyRing.generate();
    logs.forbid(next.currentKeyBase64().reveal());

    open(keys).rotateKeys(next);

    assertThatThrownBy(running::verifyKey).isInstanceOf(StoreKeyException.class)
        .hasMessageContaining("encrypted with (id " + next.currentKeyId() + ")");
    open(next).verifyKey();
  }

  @Test
  void givenRotatedRingKeepingOldKeys_whenOpened_thenBothGenerationsDecrypt() throws Exception {
    storeWithAccount(ALICE);
    KeyRing rotated = keys.rotated();

    assertThat(rotated.keyIds()).containsExactly(rotated.currentKeyId(), keys.currentKeyId());
    assertThat(open(rotated).secrets(ALICE).orElseThrow().refreshToken()).isPresent();
  }

  @Test
  void givenCiphertextCopiedFromAnotherAccount_whenRead_thenIntegrityErrorNotTheOtherSecret() throws Exception {
    CredentialStore store = storeWithAccount(ALICE);
    store.putAccount(newAccount("bob@example.com"));
    try (Connection c = raw(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE accounts SET refresh_token = (SELECT refresh_token FROM accounts a"
          + " WHERE a.address = 'bob@example.com') WHERE address = '" + ALICE + "'");
    }

    assertThatThrownBy(() -> store.secrets(ALICE)).isInstanceOf(StoreKeyException.class)
        .hasMessageContaining("integrity");
  }

  @Test
  void givenNewDatabase_whenFourProcessesOpenItAtOnce_thenAllOpenAndShareOneKeyCheck() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<CredentialStore>> stores = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        stores.add(pool.submit(() -> {
          go.await();
          return open();
        }));
      }
      go.countDown();
      for (Future<CredentialStore> f : stores) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThatThrownBy(() -> open(KeyRing.generate())).isInstanceOf(StoreKeyException.class);
  }

  /** Every stored ciphertext, keyed by where it is. */
  Map<String, String> rawSecrets() throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    try (Connection c = raw()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT name, client_secret FROM apps");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values.put("app " + rs.getString(1), rs.getString(2));
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
              "SELECT address, refresh_token, access_token, service_account_key, fixed_token FROM accounts");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          for (int i = 2; i <= 5; i++) {
            if (rs.getString(i) != null) {
              values.put(rs.getString(1) + " " + i, rs.getString(i));
            }
          }
        }
      }
    }
    return values;
  }
}
