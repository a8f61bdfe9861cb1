package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link CredentialStore} is opened: connect (creating the database only when allowed),
 * refuse a database that holds no store when it must exist, migrate the schema, check the key and
 * register the key's write hook; on any failure the connection is closed again. Stateless.
 */
final class StoreOpening {
  private StoreOpening() {
  }

  /**
   * @param mayCreate false when the store must already exist ({@link CredentialStore#openExisting}):
   *     then a database without mailtoken's tables is a {@link NoSuchStoreException} and nothing is written
   */
  static CredentialStore open(String jdbcUrl, KeyRing keys, Clock clock, StoreOptions options, Pause pause,
      boolean mayCreate) throws MailtokenException {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(options, "options");
    Database db = Database.open(jdbcUrl, options, mayCreate);
    try {
      if (!mayCreate && !StoreSchema.present(db)) {
        throw new NoSuchStoreException("The database " + db.description() + " holds no mailtoken store (no "
            + StoreSchema.HISTORY_TABLE + " table); nothing was created. Check MAILTOKEN_DB, or create the store"
            + " with CredentialStore.open.", db.description());
      }
      StoreSchema.migrate(db);
      StoreKeys storeKeys = new StoreKeys(db, keys, KeyCheck.open(db, keys));
      db.onEveryWrite(storeKeys::onWrite);
      return new CredentialStore(db, storeKeys, clock, options, pause);
    } catch (MailtokenException | RuntimeException e) {
      db.close();
      throw e;
    }
  }
}
