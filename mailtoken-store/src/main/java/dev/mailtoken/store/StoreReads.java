package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link CredentialStore}'s plain reads of apps, accounts and their refresh state (no lock, no
 * network), and the case-insensitive address match every method taking an address goes through.
 * Thread-safe: each read is its own transaction.
 */
final class StoreReads {
  private final Database db;
  private final Supplier<FieldCipher> cipher;

  StoreReads(Database db, Supplier<FieldCipher> cipher) {
    this.db = db;
    this.cipher = cipher;
  }

  /** The address as stored when it differs from {@code address} only in case, else {@code address}. */
  String stored(String address) throws MailtokenException {
    Objects.requireNonNull(address, "address");
    return db.read(c -> AccountRows.storedAddress(c, address)).orElse(address);
  }

  List<StoredApp> apps() throws MailtokenException {
    return db.read(c -> AppRows.all(c, cipher.get()));
  }

  Optional<StoredApp> app(String name) throws MailtokenException {
    return db.read(c -> AppRows.find(c, cipher.get(), name));
  }

  Optional<StoredAccount> account(String address) throws MailtokenException {
    String key = stored(address);
    return db.read(c -> AccountRows.find(c, key, "").map(AccountRow::account));
  }

  List<StoredAccount> accounts() throws MailtokenException {
    return db.read(c -> AccountRows.all(c, "").stream().map(AccountRow::account).toList());
  }

  Optional<RefreshState> refreshState(String address) throws MailtokenException {
    String key = stored(address);
    return db.read(c -> AccountRows.find(c, key, "").isEmpty() ? Optional.<RefreshState>empty()
        : Optional.of(RefreshStates.find(c, key).state()));
  }

  Optional<AccountSecrets> secrets(String address) throws MailtokenException {
    String key = stored(address);
    Optional<AccountRow> row = db.read(c -> AccountRows.find(c, key, ""));
    return row.isEmpty() ? Optional.empty() : Optional.of(row.get().secrets(cipher.get()));
  }

  List<String> resourceTokenKeys(String address) throws MailtokenException {
    String key = stored(address);
    return db.read(c -> ResourceTokens.keys(c, key));
  }
}
