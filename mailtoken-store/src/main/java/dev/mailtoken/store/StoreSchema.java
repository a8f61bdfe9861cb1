package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Brings the schema up to date with Flyway (one migration set, {@code db/mailtoken}, for both
 * databases) and checks the key ring against the database's key-check value before anything
 * can be written.
 */
final class StoreSchema {
  /** The newest migration's version; a test keeps it equal to the newest file in {@code db/mailtoken}. */
  static final String LATEST_VERSION = "1";
  static final String HISTORY_TABLE = "mailtoken_schema_history";
  private static final String KEY_CHECK = "key_check";
  private static final String KEY_CHECK_PLAIN = "mailtoken key check";
  /** How often a migration that lost a race for the database lock is tried in all. */
  private static final int MIGRATION_ATTEMPTS = 10;

  private StoreSchema() {
  }

  static void migrate(Database db) throws MailtokenException {
    // Skipping Flyway when the schema is current keeps `mailtoken token` fast on a cold start.
    if (isCurrent(db)) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        FlywayMigration.run(db.dataSource(), HISTORY_TABLE);
        return;
      } catch (StoreException e) {
        // Processes opening a new SQLite file at once race to migrate it. The losers either find the
        // work done, or get SQLITE_BUSY at once (in WAL mode a reader cannot wait to become the
        // writer, so the busy timeout does not help): then wait for the winner and look again.
        if (isCurrent(db)) {
          return;
        }
        if (attempt == MIGRATION_ATTEMPTS || !isBusy(e)) {
          throw new StoreException("Could not prepare the database " + db.description() + ": " + e.getMessage(),
              e.getCause());
        }
        pause(attempt);
      }
    }
  }

  private static boolean isBusy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("SQLITE_BUSY") || m.contains("database is locked"))) {
        return true;
      }
    }
    return false;
  }

  /** 100 ms, 200 ms, …: real time, since what is awaited is another process's transaction. */
  private static void pause(int attempt) throws StoreException {
    try {
      Thread.sleep(100L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for another process to prepare the database", e);
    }
  }

  /** True when the database has mailtoken's schema history table, at any version. */
  static boolean present(Database db) {
    try {
      return db.read(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + HISTORY_TABLE)) {
          ps.executeQuery().close();
          return true;
        }
      });
    } catch (MailtokenException e) {
      return false;
    }
  }

  private static boolean isCurrent(Database db) {
    try {
      return db.read(c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT COUNT(*) FROM " + HISTORY_TABLE + " WHERE version = ? AND success = true")) {
          ps.setString(1, LATEST_VERSION);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
          }
        }
      });
    } catch (MailtokenException e) {
      return false;   // no history table yet: a new database
    }
  }

  /**
   * Checks that {@code cipher}'s ring can decrypt the key-check value; a new database gets one
   * encrypted with the current key.
   *
   * @throws StoreKeyException when the database was encrypted with a key not in the ring
   */
  static void checkKey(Database db, FieldCipher cipher) throws MailtokenException {
    Optional<String> stored = db.read(c -> keyCheck(c));
    if (stored.isEmpty()) {
      try {
        stored = db.write(c -> {
          Optional<String> raced = keyCheck(c);
          if (raced.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_meta (name, value) VALUES (?, ?)")) {
              ps.setString(1, KEY_CHECK);
              ps.setString(2, cipher.encrypt("store_meta", "value", KEY_CHECK, KEY_CHECK_PLAIN));
              ps.executeUpdate();
            }
          }
          return raced;
        });
      } catch (StoreException e) {
        // Another process inserted its key check first (PostgreSQL): verify against that one.
        if (!(e.getCause() instanceof SQLException sql && Database.isDuplicate(sql))) {
          throw e;
        }
        stored = db.read(c -> keyCheck(c));
      }
    }
    if (stored.isPresent()) {
      cipher.decrypt("store_meta", "value", KEY_CHECK, stored.get());
    }
  }

  /** Re-encrypts the key-check value under {@code cipher}'s current key (inside the rotation's transaction). */
  static void rewriteKeyCheck(Connection c, FieldCipher cipher) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE store_meta SET value = ? WHERE name = ?")) {
      ps.setString(1, cipher.encrypt("store_meta", "value", KEY_CHECK, KEY_CHECK_PLAIN));
      ps.setString(2, KEY_CHECK);
      ps.executeUpdate();
    }
  }

  private static Optional<String> keyCheck(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM store_meta WHERE name = ?")) {
      ps.setString(1, KEY_CHECK);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }
}
