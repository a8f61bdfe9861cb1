package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code store_meta} entries that tie a database to its key.
 *
 * <ul>
 *   <li>{@code key_check}: a constant encrypted under the store's <em>current</em> key. Its key id is
 *       the store's record of that key: every writer encrypts and seals under it (reading the entry
 *       first, under the key lock), so rotating means rewriting this entry. Its plaintext also says
 *       whether every row has a MAC: a database from before row MACs says {@link #LEGACY}, and is
 *       sealed once, with the key, at the first open; afterwards a row without a MAC is tampering.
 *       A database-only attacker cannot forge the sealed plaintext nor turn it back.
 *   <li>{@code key_location}: where the last rotation wrote its new key (plain text, for the error
 *       of a process that lacks that key).
 * </ul>
 *
 * <p>The key lock is the {@code key_check} row: writers read it {@code FOR SHARE} first thing in their
 * transaction, rotation and retirement {@code FOR UPDATE} (PostgreSQL); on SQLite every write
 * transaction holds the database's write lock anyway.
 */
final class KeyCheck {
  static final String TABLE = "store_meta";
  static final String NAME = "key_check";
  static final String LOCATION = "key_location";
  private static final String COLUMN = "value";
  private static final String LEGACY = "mailtoken key check";
  private static final String SEALED = "mailtoken key check; every row sealed (row_mac v1)";
  private static final Logger log = LoggerFactory.getLogger(KeyCheck.class);

  private KeyCheck() {
  }

  /**
   * The store's current key id, locked until the transaction ends: shared for writers, exclusive
   * for rotation and retirement (PostgreSQL; SQLite's write transaction is exclusive already).
   */
  static String currentKeyId(Connection c, Database db, boolean exclusive) throws SQLException, MailtokenException {
    String lock = db.dialect() == Database.Dialect.POSTGRESQL ? (exclusive ? " FOR UPDATE" : " FOR SHARE") : "";
    return FieldCipher.keyIdOf(value(c, NAME, lock).orElseThrow(() -> TamperedRowException.of(TABLE, NAME)));
  }

  /**
   * At open: creates the key check of a new database, checks that {@code ring} reads it, and seals
   * the rows of a database written before row MACs existed.
   *
   * @return the store's current key id
   * @throws StoreKeyException when the ring lacks the store's current key (the message says where
   *     the last rotation wrote it)
   * @throws TamperedRowException when the key check is gone from a database that holds apps or accounts
   */
  static String open(Database db, KeyRing ring) throws MailtokenException {
    Optional<String> stored = db.read(c -> value(c, NAME, ""));
    String value = stored.isPresent() ? stored.get() : create(db, ring);
    String keyId = FieldCipher.keyIdOf(value);
    if (!ring.contains(keyId)) {
      throw missingKey(db, ring, keyId);
    }
    String plain = new FieldCipher(ring).decrypt(TABLE, COLUMN, NAME, value);
    if (plain.equals(LEGACY)) {
      sealLegacyRows(db, ring);
    } else if (!plain.equals(SEALED)) {
      throw new StoreKeyException("The key check in " + db.description() + " is damaged; restore the database"
          + " from a backup.");
    }
    return keyId;
  }

  private static String create(Database db, KeyRing ring) throws MailtokenException {
    try {
      return db.writeExclusive(c -> {
        Optional<String> raced = value(c, NAME, "");
        if (raced.isPresent()) {
          return raced.get();
        }
        if (hasRows(c)) {
          // Only a new, empty database lacks a key check; deleting it must not make a tampered one look new.
          throw TamperedRowException.of(TABLE, NAME);
        }
        String v = new FieldCipher(ring).encrypt(TABLE, COLUMN, NAME, SEALED);
        insert(c, NAME, v);
        return v;
      });
    } catch (StoreException e) {
      // Another process inserted its key check first (PostgreSQL): verify against that one.
      if (!(e.getCause() instanceof SQLException sql && Database.isDuplicate(sql))) {
        throw e;
      }
      return db.read(c -> value(c, NAME, "")).orElseThrow(() -> e);
    }
  }

  /**
   * Reads the key check again and decrypts it with {@code cipher} (which reads the key file again
   * for a key its ring lacks): for a running process to tell that it can still read the store,
   * e.g. after another process rotated the key.
   *
   * @throws StoreKeyException when the key is missing or the key check does not decrypt
   * @throws TamperedRowException when the key check is gone
   */
  static void verify(Database db, FieldCipher cipher) throws MailtokenException {
    String value = db.read(c -> value(c, NAME, "")).orElseThrow(() -> TamperedRowException.of(TABLE, NAME));
    String plain = cipher.decrypt(TABLE, COLUMN, NAME, value);
    if (!plain.equals(SEALED) && !plain.equals(LEGACY)) {
      throw new StoreKeyException("The key check in " + db.description() + " is damaged; restore the database"
          + " from a backup.");
    }
  }

  /** Once per database, with the key: gives every row without a MAC one, then marks the database sealed. */
  private static void sealLegacyRows(Database db, KeyRing ring) throws MailtokenException {
    db.writeExclusive(c -> {
      String keyId = currentKeyId(c, db, true);
      FieldCipher cipher = new FieldCipher(ring.withCurrent(keyId));
      if (!LEGACY.equals(cipher.decrypt(TABLE, COLUMN, NAME, value(c, NAME, "").orElseThrow()))) {
        return null;   // another process sealed it meanwhile
      }
      KeyRotator.lockTables(c, db);
      int rows = RowSeals.sealUnsealed(c, cipher);
      rewrite(c, cipher);
      log.info("{}: {} app and account rows authenticated with key id {} (first open since row MACs)",
          db.description(), rows, keyId);
      return null;
    });
  }

  /** Re-encrypts the key check under {@code cipher}'s current key, which becomes the store's current key. */
  static void rewrite(Connection c, FieldCipher cipher) throws SQLException {
    update(c, NAME, cipher.encrypt(TABLE, COLUMN, NAME, SEALED));
  }

  /** Records that key {@code keyId} was written to {@code file}, for the error of a process that lacks it. */
  static void recordLocation(Connection c, String keyId, Path file, Instant now) throws SQLException {
    String v = keyId + " " + now + " " + file.toAbsolutePath();
    if (value(c, LOCATION, "").isPresent()) {
      update(c, LOCATION, v);
    } else {
      insert(c, LOCATION, v);
    }
  }

  /** The error for a ring that lacks {@code keyId}, naming the file the last rotation wrote it to. */
  static StoreKeyException missingKey(Database db, KeyRing ring, String keyId) {
    Optional<String> location;
    try {
      location = db.read(c -> value(c, LOCATION, ""));
    } catch (MailtokenException e) {
      location = Optional.empty();
    }
    String where = location.map(l -> l.split(" ", 3)).filter(p -> p.length == 3 && p[0].equals(keyId))
        .map(p -> "; key " + keyId + " was written to the key file " + p[2] + " at " + p[1] + ": set "
            + KeyRing.SECRET_FILE_VARIABLE + " to that file (or " + KeyRing.SECRET_VARIABLE + " to its first key),"
            + " or copy it over " + ring.keyFile().map(Path::toString).orElse("the key file this process reads"))
        .orElse("; set " + KeyRing.SECRET_VARIABLE + " or " + KeyRing.SECRET_FILE_VARIABLE + " to the right key");
    return new StoreKeyException("The secret key (id " + String.join(", ", ring.keyIds()) + ring.keyFile()
        .map(f -> ", from " + f).orElse("") + ") does not match the one this database was encrypted with (id "
        + keyId + ")" + where + ". Nothing was changed.");
  }

  private static boolean hasRows(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM apps) + (SELECT COUNT(*) FROM accounts)")) {
      return rs.next() && rs.getLong(1) > 0;
    }
  }

  private static Optional<String> value(Connection c, String name, String lock) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM store_meta WHERE name = ?" + lock)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static void insert(Connection c, String name, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_meta (name, value) VALUES (?, ?)")) {
      ps.setString(1, name);
      ps.setString(2, value);
      ps.executeUpdate();
    }
  }

  private static void update(Connection c, String name, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE store_meta SET value = ? WHERE name = ?")) {
      ps.setString(1, value);
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }
}
