package dev.mailtoken.store;

import dev.mailtoken.oauth.MailtokenException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-encrypts every secret in one transaction: each value is decrypted with the old and new
 * rings together and encrypted under the new current key; accounts get version + 1 so an edit
 * prepared before the rotation cannot write an old-key value back. Any failure rolls it all back.
 */
final class KeyRotator {
  private static final Logger log = LoggerFactory.getLogger(KeyRotator.class);

  private KeyRotator() {
  }

  static KeyRotation rotate(Database db, FieldCipher reader, FieldCipher writer, Clock clock)
      throws MailtokenException {
    KeyRotation r = db.write(c -> {
      if (db.dialect() == Database.Dialect.POSTGRESQL) {
        // Row locks would miss an app or account inserted meanwhile under the old key; SQLite's write lock covers it.
        try (Statement s = c.createStatement()) {
          s.execute("LOCK TABLE apps, accounts, store_meta IN SHARE ROW EXCLUSIVE MODE");
        }
      }
      Instant now = clock.instant();
      TreeSet<String> previous = new TreeSet<>();
      int apps = 0;
      int secrets = 0;
      for (String[] app : AppRows.encryptedSecrets(c)) {
        previous.add(FieldCipher.keyIdOf(app[1]));
        String plain = reader.decrypt(AppRows.TABLE, AppRows.CLIENT_SECRET, app[0], app[1]);
        AppRows.updateSecret(c, app[0], writer.encrypt(AppRows.TABLE, AppRows.CLIENT_SECRET, app[0], plain), now);
        apps++;
        secrets++;
      }
      int accounts = 0;
      for (AccountRow row : AccountRows.all(c, db.forUpdate())) {
        int before = secrets;
        for (String column : AccountRow.SECRET_COLUMNS) {
          Optional<String> stored = value(row, column);
          if (stored.isPresent()) {
            previous.add(FieldCipher.keyIdOf(stored.get()));
            String plain = reader.decrypt(AccountRow.TABLE, column, row.address(), stored.get());
            set(c, row.address(), column, writer.encrypt(AccountRow.TABLE, column, row.address(), plain));
            secrets++;
          }
        }
        if (secrets > before) {
          AccountRows.update(c, row.address(), row.version(), Map.of(), now, true);
          accounts++;
        }
      }
      StoreSchema.rewriteKeyCheck(c, writer);
      return new KeyRotation(previous.stream().toList(), writer.keys().currentKeyId(), apps, accounts, secrets);
    });
    log.info("key rotation: {} secrets ({} apps, {} accounts) re-encrypted from {} to key id {}", r.secrets(),
        r.apps(), r.accounts(), r.previousKeyIds(), r.currentKeyId());
    return r;
  }

  private static Optional<String> value(AccountRow row, String column) {
    switch (column) {
      case AccountRow.REFRESH_TOKEN:
        return row.refreshToken();
      case AccountRow.SERVICE_ACCOUNT_KEY:
        return row.serviceAccountKey();
      case AccountRow.FIXED_TOKEN:
        return row.fixedToken();
      default:
        return row.accessToken();
    }
  }

  private static void set(Connection c, String address, String column, String value) throws SQLException {
    // column comes from AccountRow.SECRET_COLUMNS, never from input.
    try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET " + column + " = ? WHERE address = ?")) {
      ps.setString(1, value);
      ps.setString(2, address);
      ps.executeUpdate();
    }
  }
}
