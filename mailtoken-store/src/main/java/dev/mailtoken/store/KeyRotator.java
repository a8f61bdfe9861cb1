package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
 * Key rotation in one transaction holding the exclusive key lock: (with a key file) the file is
 * read again and written with the new key in front of every key it held, then every secret (the
 * accounts' resource tokens and the {@link SealedColumns} other modules registered included) is
 * re-encrypted and every row re-sealed under the new key, the key check rewritten (making it the
 * store's current key), and the file checked to still hold it before the commit. A crash or
 * failure anywhere before the commit leaves the database as it was, under a key the file still
 * holds; the next rotation finishes the interrupted one (the file's first key becomes current)
 * instead of adding yet another key. Accounts get version + 1 so an edit prepared before the
 * rotation cannot write an old-key value back.
 */
final class KeyRotator {
  private static final Logger log = LoggerFactory.getLogger(KeyRotator.class);

  private KeyRotator() {
  }

  /**
   * Rotates to {@code given}'s current key (the caller keeps the keys), or, when {@code given} is
   * empty, to a new key written to {@code keyFile} in front of every key the file and this store
   * know; when the file's first key is not the store's current one, an earlier rotation to it was
   * interrupted and is finished instead.
   */
  static KeyRotation rotate(Database db, StoreKeys keys, Optional<KeyRing> given, Optional<Path> keyFile, Clock clock)
      throws MailtokenException {
    KeyRotation r = db.writeExclusive(c -> {
      String storeKey = KeyCheck.currentKeyId(c, db, true);
      Optional<KeyRing> inFile = keyFile.isPresent() && Files.exists(keyFile.get())
          ? Optional.of(KeyRing.readFile(keyFile.get())) : Optional.empty();
      KeyRing known = given.or(() -> inFile).map(k -> k.followedBy(keys.ring())).orElse(keys.ring());
      if (!known.contains(storeKey)) {
        throw KeyCheck.missingKey(db, known, storeKey);
      }
      boolean resumed = given.isEmpty() && inFile.isPresent() && !inFile.get().currentKeyId().equals(storeKey);
      KeyRing next = given.isPresent() || resumed ? known : known.rotated();
      if (keyFile.isPresent()) {
        next = next.keptIn(keyFile.get());
        next.writeTo(keyFile.get());
      }
      keys.know(next);
      FieldCipher cipher = new FieldCipher(next);
      KeyRotation done = reencrypt(c, db, cipher, clock.instant(), keyFile, resumed);
      if (keyFile.isPresent()) {
        KeyCheck.recordLocation(c, next.currentKeyId(), keyFile.get(), clock.instant());
        if (!KeyRing.readFile(keyFile.get()).contains(next.currentKeyId())) {
          throw new StoreKeyException("The key file " + keyFile.get() + " was replaced during the rotation and no"
              + " longer holds the new key " + next.currentKeyId() + "; nothing was changed. Run the rotation again.");
        }
      }
      return done;
    });
    keys.use(keys.ring(), r.currentKeyId());
    log.info("key rotation: {} secrets ({} apps, {} accounts) re-encrypted and {} rows sealed from {} to key id {}{}",
        r.secrets(), r.apps(), r.accounts(), r.rows(), r.previousKeyIds(), r.currentKeyId(),
        r.resumed() ? " (finishing an interrupted rotation)" : "");
    return r;
  }

  /** {@code cipher} reads with every key it has and writes under its current one. */
  private static KeyRotation reencrypt(Connection c, Database db, FieldCipher cipher, Instant now,
      Optional<Path> keyFile, boolean resumed) throws SQLException, MailtokenException {
    FieldCipher reader = cipher;
    FieldCipher writer = cipher;
    lockTables(c, db);
    TreeSet<String> previous = new TreeSet<>();
    int apps = 0;
    int secrets = 0;
    int rows = 0;
    for (AppRows.Keyed app : AppRows.keyed(c)) {
      app.seal().verify(reader);   // a row changed without the key must not be sealed again
      app.seal().macKeyId().ifPresent(previous::add);
      Optional<String> encrypted = Optional.empty();
      if (app.clientSecret().isPresent()) {
        previous.add(FieldCipher.keyIdOf(app.clientSecret().get()));
        String plain = reader.decrypt(AppRows.TABLE, AppRows.CLIENT_SECRET, app.name(), app.clientSecret().get());
        encrypted = Optional.of(writer.encrypt(AppRows.TABLE, AppRows.CLIENT_SECRET, app.name(), plain));
        apps++;
        secrets++;
      }
      AppRows.updateKeyed(c, app.name(), encrypted, app.seal().seal(writer), now);
      rows++;
    }
    int accounts = 0;
    for (AccountRow row : AccountRows.all(c, db.forUpdate())) {
      row.verify(reader);
      row.seal().macKeyId().ifPresent(previous::add);
      Map<String, Object> changed = new LinkedHashMap<>();
      for (String column : AccountRow.SECRET_COLUMNS) {
        Optional<String> stored = value(row, column);
        if (stored.isPresent()) {
          previous.add(FieldCipher.keyIdOf(stored.get()));
          String plain = reader.decrypt(AccountRow.TABLE, column, row.address(), stored.get());
          changed.put(column, writer.encrypt(AccountRow.TABLE, column, row.address(), plain));
        }
      }
      secrets += changed.size();
      accounts += changed.isEmpty() ? 0 : 1;
      changed.put(RowSeal.COLUMN, row.seal().seal(writer));
      // One version-bumping UPDATE per account for all its secret columns and its seal.
      AccountRows.update(c, row.address(), row.version(), changed, now, true);
      rows++;
    }
    for (ResourceTokens.Encrypted token : ResourceTokens.all(c)) {
      previous.add(FieldCipher.keyIdOf(token.value()));
      ResourceTokens.reencrypt(c, token, reader, writer);
      secrets++;
    }
    secrets += reencryptRegistered(c, db, reader, writer, previous);
    KeyCheck.rewrite(c, writer);
    return new KeyRotation(previous.stream().toList(), writer.keys().currentKeyId(), apps, accounts, secrets, rows,
        keyFile, resumed);
  }

  /** Other modules' columns sealed with the store's key ({@link SealedColumns}); returns how many values. */
  private static int reencryptRegistered(Connection c, Database db, FieldCipher reader, FieldCipher writer,
      TreeSet<String> previous) throws SQLException, MailtokenException {
    int n = 0;
    for (SealedColumns.Column col : SealedColumns.all(c)) {
      for (SealedColumns.Value v : SealedColumns.values(c, col, db.forUpdate())) {
        previous.add(FieldCipher.keyIdOf(v.sealed()));
        String plain = reader.decrypt(col.table(), col.column(), v.rowKey(), v.sealed());
        SealedColumns.replace(c, col, v, writer.encrypt(col.table(), col.column(), v.rowKey(), plain));
        n++;
      }
    }
    return n;
  }

  /** Row locks would miss an app or account inserted meanwhile by a writer that skips the key lock; SQLite's write lock covers it. */
  static void lockTables(Connection c, Database db) throws SQLException {
    if (db.dialect() == Database.Dialect.POSTGRESQL) {
      StringBuilder tables = new StringBuilder("apps, accounts, resource_tokens, store_meta");
      for (SealedColumns.Column col : SealedColumns.all(c)) {
        tables.append(", ").append(col.table());
      }
      try (Statement s = c.createStatement()) {
        s.execute("LOCK TABLE " + tables + " IN SHARE ROW EXCLUSIVE MODE");
      }
    }
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
