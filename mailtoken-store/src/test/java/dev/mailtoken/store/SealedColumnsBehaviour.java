package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.store.internal.SealedFields;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field cipher handed to the server for its own secret columns (webhook signing keys): a
 * column registered in {@code sealed_columns} is re-encrypted by key rotation, counted by key
 * usage and keeps a key from being retired, exactly like the store's own secrets.
 */
abstract class SealedColumnsBehaviour extends StoreTestSupport {
  private static final Secret VALUE = Secret.of("whsec_sealed-columns-test-value-0001");
  private static final String TABLE = "hooks";
  private static final String COLUMN = "signing_key";

  @TempDir
  Path dir;

  /** The server's part, played by the test: its table, registered as its migration does. */
  private void createRegisteredTable(CredentialStore store) throws Exception {
    try (Connection c = store.internalDatabase().dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + TABLE + " (id VARCHAR(32) PRIMARY KEY, " + COLUMN + " TEXT NOT NULL)");
      s.execute("INSERT INTO sealed_columns (table_name, column_name, key_column) VALUES ('" + TABLE + "', '"
          + COLUMN + "', 'id')");
    }
  }

  /** Seals and inserts a row in one transaction, as the server does. */
  private String insert(CredentialStore store, String id, String column) throws Exception {
    SealedFields fields = store.internalSealedFields();
    try (Connection c = store.internalDatabase().dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        String sealed = fields.seal(c, TABLE, column, id, VALUE);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (id, " + COLUMN + ") VALUES (?, ?)")) {
          ps.setString(1, id);
          ps.setString(2, sealed);
          ps.executeUpdate();
        }
        c.commit();
        return sealed;
      } catch (SQLException | MailtokenException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private String stored(CredentialStore store, String id) throws SQLException {
    try (Connection c = store.internalDatabase().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMN + " FROM " + TABLE + " WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static long fields(CredentialStore store, String keyId) throws MailtokenException {
    return store.keyUsage().stream().filter(u -> u.keyId().equals(keyId)).mapToLong(KeyUsage::encryptedFields)
        .sum();
  }

  @Test
  void givenARegisteredColumn_whenAValueIsSealedAndOpened_thenItIsTheValueUnderTheStoresKey() throws Exception {
    CredentialStore store = open();
    createRegisteredTable(store);

    String sealed = insert(store, "wh1", COLUMN);

    assertThat(sealed).doesNotContain(VALUE.reveal()).startsWith(keys.currentKeyId() + ":");
    assertThat(store.internalSealedFields().open(TABLE, COLUMN, "wh1", sealed).reveal()).isEqualTo(VALUE.reveal());
  }

  @Test
  void givenAValueSealedForOneRow_whenOpenedForAnotherRowOrColumn_thenItFailsItsIntegrityCheck() throws Exception {
    CredentialStore store = open();
    createRegisteredTable(store);
    String sealed = insert(store, "wh1", COLUMN);
    SealedFields fields = store.internalSealedFields();

    assertThatThrownBy(() -> fields.open(TABLE, COLUMN, "wh2", sealed))
        .isInstanceOf(StoreKeyException.class).hasMessageContaining("integrity");
    assertThatThrownBy(() -> fields.open(TABLE, "other", "wh1", sealed)).isInstanceOf(StoreKeyException.class);
  }

  @Test
  void givenAColumnNotRegistered_whenSealing_thenItIsRefusedAndNothingIsWritten() throws Exception {
    CredentialStore store = open();
    createRegisteredTable(store);

    assertThatThrownBy(() -> insert(store, "wh1", "unregistered"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sealed_columns");
    assertThat(stored(store, "wh1")).isNull();
  }

  @Test
  void givenARegisteredValue_whenKeysRotateAndTheOldKeyIsRetired_thenItIsUnderTheNewKeyAndStillOpens()
      throws Exception {
    Path keyFile = dir.resolve("secret.key");
    keys.writeTo(keyFile);
    CredentialStore store = open(KeyRing.readFile(keyFile));
    createRegisteredTable(store);
    String old = insert(store, "wh1", COLUMN);
    String oldKey = keys.currentKeyId();
    assertThat(fields(store, oldKey)).isEqualTo(2);   // the key check and the registered value

    KeyRotation rotation = store.rotateKeyFile(keyFile);
    store.retireKey(oldKey, keyFile);

    String now = stored(store, "wh1");
    assertThat(rotation.secrets()).isEqualTo(1);
    assertThat(now).isNotEqualTo(old).startsWith(rotation.currentKeyId() + ":");
    CredentialStore onlyNewKey = open(KeyRing.readFile(keyFile));
    assertThat(onlyNewKey.keys().keyIds()).containsExactly(rotation.currentKeyId());
    assertThat(onlyNewKey.internalSealedFields().open(TABLE, COLUMN, "wh1", now).reveal()).isEqualTo(VALUE.reveal());
  }

  @Test
  void givenARegisteredValueUnderTheOldKey_whenRetiringIt_thenRefusedNamingTheField() throws Exception {
    Path keyFile = dir.resolve("secret.key");
    keys.writeTo(keyFile);
    CredentialStore store = open(KeyRing.readFile(keyFile));
    createRegisteredTable(store);
    insert(store, "wh1", COLUMN);
    String oldKey = keys.currentKeyId();
    store.rotateKeyFile(keyFile);
    // A value written under the old key behind the store's back (as a restored backup would be).
    try (Connection c = store.internalDatabase().dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO " + TABLE + " (id, " + COLUMN + ") VALUES ('wh2', '" + oldKey + ":AAAA')");
    }

    assertThatThrownBy(() -> store.retireKey(oldKey, keyFile))
        .isInstanceOf(StoreKeyException.class).hasMessageContaining("1 field(s)");
    assertThat(KeyRing.readFile(keyFile).keyIds()).contains(oldKey);
  }

  @Test
  void givenAProcessStartedBeforeARotation_whenItSeals_thenItFollowsTheStoresNewKey() throws Exception {
    Path keyFile = dir.resolve("secret.key");
    keys.writeTo(keyFile);
    CredentialStore before = open(KeyRing.readFile(keyFile));
    createRegisteredTable(before);
    CredentialStore rotating = open(KeyRing.readFile(keyFile));
    KeyRotation rotation = rotating.rotateKeyFile(keyFile);

    String sealed = insert(before, "wh1", COLUMN);

    assertThat(sealed).startsWith(rotation.currentKeyId() + ":");
    assertThat(List.of(rotating.internalSealedFields().open(TABLE, COLUMN, "wh1", sealed).reveal()))
        .containsExactly(VALUE.reveal());
  }
}
