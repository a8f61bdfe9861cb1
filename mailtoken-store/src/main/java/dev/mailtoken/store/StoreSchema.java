package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Brings the schema up to date with Flyway (one migration set, {@code db/mailtoken}, for both
 * databases). {@link KeyCheck} then checks the key ring before anything can be written.
 */
final class StoreSchema {
  /** The newest migration's version; a test keeps it equal to the newest file in {@code db/mailtoken}. */
  static final String LATEST_VERSION = "9";
  static final String HISTORY_TABLE = "mailtoken_schema_history";
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
}
