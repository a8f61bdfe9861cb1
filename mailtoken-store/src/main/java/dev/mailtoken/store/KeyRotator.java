package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
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
        Map<String, Object> reencrypted = new LinkedHashMap<>();
        for (String column : AccountRow.SECRET_COLUMNS) {
          Optional<String> stored = value(row, column);
          if (stored.isPresent()) {
            previous.add(FieldCipher.keyIdOf(stored.get()));
            String plain = reader.decrypt(AccountRow.TABLE, column, row.address(), stored.get());
            reencrypted.put(column, writer.encrypt(AccountRow.TABLE, column, row.address(), plain));
          }
        }
        if (!reencrypted.isEmpty()) {
          // One version-bumping UPDATE per account for all its secret columns.
          AccountRows.update(c, row.address(), row.version(), reencrypted, now, true);
          secrets += reencrypted.size();
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
    return switch (column) {
      case AccountRow.REFRESH_TOKEN -> row.refreshToken();
      case AccountRow.SERVICE_ACCOUNT_KEY -> row.serviceAccountKey();
      case AccountRow.FIXED_TOKEN -> row.fixedToken();
      default -> row.accessToken();
    };
  }
}
