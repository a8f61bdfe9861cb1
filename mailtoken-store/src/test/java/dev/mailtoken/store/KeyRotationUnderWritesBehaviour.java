package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.token.AccessToken;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key rotation while other stores on the same database and key file stay open and then write:
 * every credential stays readable, nothing is written under a key the file no longer holds, and a
 * rotation interrupted after the new key was written loses nothing. Store instances stand in for
 * processes (KeyRotationInAnotherProcessBehaviour uses a real second JVM). Run on SQLite and PostgreSQL.
 */
abstract class KeyRotationUnderWritesBehaviour extends StoreTestSupport {
  static final String ALICE = "alice@example.com";
  static final String BOB = "bob@example.com";

  @TempDir
  Path dir;
  Path keyFile;

  @BeforeEach
  void writeKeyFile() throws Exception {
    keyFile = dir.resolve(KeyRing.KEY_FILE);
    keys.writeTo(keyFile);
  }

  /** What a process starting now reads. */
  KeyRing fromFile() throws Exception {
    KeyRing ring = KeyRing.readFile(keyFile);
    logs.forbid(ring.currentKeyBase64().reveal());
    return ring;
  }

  /** Another process rotates and then retires the old key: the key file then holds the new key only. */
  String rotateAndRetireElsewhere() throws Exception {
    CredentialStore admin = open(fromFile());
    KeyRotation rotation = admin.rotateKeyFile(keyFile);
    fromFile();
    admin.retireKey(keys.currentKeyId(), keyFile);
    assertThat(KeyRing.readFile(keyFile).keyIds()).containsExactly(rotation.currentKeyId());
    return rotation.currentKeyId();
  }

  @Test
  void givenStoreOpenedBeforeARotation_whenItImportsAnAccountAfterTheOldKeyWasRetired_thenItWritesUnderTheNewKey()
      throws Exception {
    CredentialStore writer = open(fromFile());
    writer.addApp(app());
    writer.putAccount(newAccount(ALICE));
    String newKey = rotateAndRetireElsewhere();

    writer.putAccount(newAccount(BOB));

    assertThat(rawValues()).isNotEmpty().allMatch(v -> v.startsWith(newKey + ":"));
    CredentialStore later = open(fromFile());
    assertThat(later.secrets(BOB).orElseThrow().refreshToken()).isPresent();
    assertThat(later.freshToken(BOB, false, client).value().reveal()).isNotBlank();
  }

  @Test
  void givenStoreOpenedBeforeARotation_whenItReauthorizesAnAccount_thenTheNewGrantIsReadableWithTheKeyFile()
      throws Exception {
    CredentialStore writer = open(fromFile());
    writer.addApp(app());
    writer.putAccount(newAccount(ALICE));
    String newKey = rotateAndRetireElsewhere();

    writer.replaceAccount(newAccount(ALICE));

    assertThat(rawValues()).allMatch(v -> v.startsWith(newKey + ":"));
    assertThat(open(fromFile()).freshToken(ALICE, false, client).value().reveal()).isNotBlank();
  }

  @Test
  void givenStoreOpenedBeforeARotation_whenItsRefreshRotatesTheRefreshToken_thenTheRotatedTokenIsReadableLater()
      throws Exception {
    CredentialStore writer = open(fromFile());
    writer.addApp(app());
    writer.putAccount(newAccount(ALICE));
    String newKey = rotateAndRetireElsewhere();

    AccessToken first = writer.freshToken(ALICE, true, client);

    assertThat(rawValues()).allMatch(v -> v.startsWith(newKey + ":"));
    clock.advance(Duration.ofHours(2));
    // The emulator kills the grant if a retired refresh token is presented: this works only with the rotated one.
    AccessToken next = open(fromFile()).freshToken(ALICE, false, client);
    assertThat(next.value()).isNotEqualTo(first.value());
    assertThat(emulator.introspect(next.value().reveal())).isPresent();
  }

  @Test
  void givenStoreOpenedBeforeARotation_whenItReadsASecret_thenItReadsTheKeyFileAgain() throws Exception {
    CredentialStore reader = open(fromFile());
    reader.addApp(app());
    reader.putAccount(newAccount(ALICE));
    rotateAndRetireElsewhere();

    assertThat(reader.secrets(ALICE).orElseThrow().refreshToken()).isPresent();
    assertThat(reader.keys().keyIds()).contains(KeyRing.readFile(keyFile).currentKeyId());
  }

  @Test
  void givenKeyFromTheEnvironmentOnly_whenAnotherProcessRotated_thenWritesAndReadsFailNamingTheNewKeyFile()
      throws Exception {
    CredentialStore envStore = storeWithAccount(ALICE);   // the key alone, as from MAILTOKEN_SECRET
    Path staged = dir.resolve("secret.key.new");
    open(keys).rotateKeyFile(staged);
    logs.forbid(KeyRing.readFile(staged).currentKeyBase64().reveal());

    assertThatThrownBy(() -> envStore.putAccount(newAccount(BOB))).isInstanceOf(StoreKeyException.class)
        .hasMessageContaining(staged.toString()).hasMessageContaining("Nothing was changed");
    assertThat(envStore.account(BOB)).isEmpty();
    assertThatThrownBy(() -> envStore.secrets(ALICE)).isInstanceOf(StoreKeyException.class)
        .hasMessageContaining(staged.toString());
    assertThatThrownBy(() -> open(keys)).isInstanceOf(StoreKeyException.class)
        .hasMessageContaining(staged.toString()).hasMessageContaining("MAILTOKEN_SECRET_FILE");
    assertThat(open(KeyRing.readFile(staged)).secrets(ALICE).orElseThrow().refreshToken()).isPresent();
  }

  /** The state a crash leaves between "new key written" and "rows re-encrypted": the file has both keys, the rows the old one. */
  @Test
  void givenRotationInterruptedAfterTheNewKeyWasWritten_whenStoresGoOn_thenNothingIsLostAndTheNextRotationFinishesIt()
      throws Exception {
    storeWithAccount(ALICE);
    KeyRing interrupted = keys.rotated();
    interrupted.writeTo(keyFile);
    logs.forbid(interrupted.currentKeyBase64().reveal());
    CredentialStore store = open(fromFile());

    store.putAccount(newAccount(BOB));

    assertThat(rawValues()).allMatch(v -> v.startsWith(keys.currentKeyId() + ":"));
    assertThat(open(keys).secrets(BOB).orElseThrow().refreshToken()).isPresent();
    assertThat(store.keyUsage()).extracting(KeyUsage::keyId, KeyUsage::current)
        .startsWith(org.assertj.core.groups.Tuple.tuple(keys.currentKeyId(), true));
    KeyRotation finished = store.rotateKeyFile(keyFile);
    assertThat(finished.resumed()).isTrue();
    assertThat(finished.currentKeyId()).isEqualTo(interrupted.currentKeyId());
    assertThat(KeyRing.readFile(keyFile).keyIds()).isEqualTo(interrupted.keyIds());
    assertThat(open(fromFile()).secrets(ALICE).orElseThrow().refreshToken()).isPresent();
  }

  @Test
  void givenRotationFailingAfterTheKeyFileWasWritten_whenOpenedWithTheOldKeyAlone_thenEverythingIsThere()
      throws Exception {
    CredentialStore store = open(fromFile());
    store.addApp(app());
    store.putAccount(newAccount(ALICE));
    try (Connection c = raw(); PreparedStatement ps = c.prepareStatement("UPDATE apps SET scopes = 'x'")) {
      ps.executeUpdate();   // a row changed without the key stops the rotation half-way
    }

    assertThatThrownBy(() -> store.rotateKeyFile(keyFile)).isInstanceOf(TamperedRowException.class);

    assertThat(fromFile().keyIds()).hasSize(2).endsWith(keys.currentKeyId());
    assertThat(rawValues()).allMatch(v -> v.startsWith(keys.currentKeyId() + ":"));
    assertThat(open(keys).secrets(ALICE).orElseThrow().refreshToken()).isPresent();
  }

  @Test
  void givenRotatedStore_whenKeyUsageAsked_thenTheOldKeyIsUnusedAndCanBeRetired() throws Exception {
    CredentialStore store = open(fromFile());
    store.addApp(app());
    store.putAccount(newAccount(ALICE));
    KeyRotation rotation = store.rotateKeyFile(keyFile);
    fromFile();

    List<KeyUsage> usage = store.keyUsage();

    assertThat(usage).containsExactly(
        new KeyUsage(rotation.currentKeyId(), true, true, 3, 2),
        new KeyUsage(keys.currentKeyId(), false, true, 0, 0));
    assertThat(store.retireKey(keys.currentKeyId(), keyFile).keyIds()).containsExactly(rotation.currentKeyId());
  }

  @Test
  void givenAFieldStillUnderAnOldKey_whenThatKeyIsRetired_thenRefusedAndTheKeyFileUnchanged() throws Exception {
    CredentialStore store = open(fromFile());
    store.addApp(app());
    store.putAccount(newAccount(ALICE));
    store.rotateKeyFile(keyFile);
    fromFile();
    // What a mailtoken from before the key lock would have written: a value under the old key.
    String stale = new FieldCipher(keys).encrypt(AccountRow.TABLE, AccountRow.ACCESS_TOKEN, ALICE, "stale-token-1");
    try (Connection c = raw(); PreparedStatement ps = c.prepareStatement("UPDATE accounts SET access_token = ?")) {
      ps.setString(1, stale);
      ps.executeUpdate();
    }
    String before = java.nio.file.Files.readString(keyFile);

    assertThatThrownBy(() -> store.retireKey(keys.currentKeyId(), keyFile)).isInstanceOf(StoreKeyException.class)
        .hasMessageContaining("still encrypts 1 field(s)").hasMessageContaining("mailtoken keys rotate");
    assertThatThrownBy(() -> store.retireKey(store.keyUsage().get(0).keyId(), keyFile))
        .isInstanceOf(StoreKeyException.class).hasMessageContaining("current key");
    assertThat(java.nio.file.Files.readString(keyFile)).isEqualTo(before);
  }

  @Test
  void givenRefreshInFlightOnAnotherStore_whenKeysRotated_thenTheRotationWaitsAndEverythingEndsUnderTheNewKey()
      throws Exception {
    CredentialStore sender = open(fromFile());
    sender.addApp(app());
    sender.putAccount(newAccount(ALICE));
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(500)));
    CompletableFuture<AccessToken> refresh = CompletableFuture.supplyAsync(() -> {
      try {
        return sender.freshToken(ALICE, false, client);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> emulator.requestCount(Endpoint.TOKEN) == 1);

    KeyRotation rotation = open(fromFile()).rotateKeyFile(keyFile);

    AccessToken token = refresh.get(30, TimeUnit.SECONDS);
    fromFile();
    assertThat(rawValues()).allMatch(v -> v.startsWith(rotation.currentKeyId() + ":"));
    assertThat(open(KeyRing.readFile(keyFile)).cachedAccessToken(ALICE, Duration.ZERO)).contains(token);
  }

  /** Every encrypted value and row MAC in the database. */
  List<String> rawValues() throws Exception {
    List<String> values = new java.util.ArrayList<>();
    try (Connection c = raw(); java.sql.Statement s = c.createStatement()) {
      for (String sql : List.of("SELECT client_secret, row_mac FROM apps", "SELECT refresh_token, access_token,"
          + " service_account_key, fixed_token, row_mac FROM accounts")) {
        try (java.sql.ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              if (rs.getString(i) != null) {
                values.add(rs.getString(i));
              }
            }
          }
        }
      }
    }
    return values;
  }
}
