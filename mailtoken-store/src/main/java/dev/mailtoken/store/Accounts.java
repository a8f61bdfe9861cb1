package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.internal.ServerText;
import dev.mailtoken.token.AccountHealth;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The administrative writes: apps, account insert/replace, edits, status changes. Each runs in one {@link Database#write}. */
final class Accounts {
  private static final Logger log = LoggerFactory.getLogger(Accounts.class);

  private final Database db;
  private final Supplier<FieldCipher> cipher;
  private final Clock clock;

  Accounts(Database db, Supplier<FieldCipher> cipher, Clock clock) {
    this.db = db;
    this.cipher = cipher;
    this.clock = clock;
  }

  void addApp(StoredApp app) throws MailtokenException {
    db.write(c -> {
      if (AppRows.exists(c, app.name())) {
        throw duplicateApp(app.name());
      }
      try {
        AppRows.insert(c, cipher.get(), app, clock.instant());
      } catch (SQLException e) {
        if (Database.isDuplicate(e)) {
          throw duplicateApp(app.name());
        }
        throw e;
      }
      return null;
    });
    log.info("app {} added (provider {}, client {})", app.name(), app.kind(), app.clientId());
  }

  boolean updateApp(StoredApp app) throws MailtokenException {
    boolean updated = db.write(c -> {
      Optional<StoredApp> current = AppRows.findForUpdate(c, cipher.get(), app.name(), db.forUpdate());
      if (current.isEmpty()) {
        return false;
      }
      AppRows.update(c, cipher.get(), app, clock.instant());
      return true;
    });
    if (updated) {
      log.info("app {} updated (provider {}, client {})", app.name(), app.kind(), app.clientId());
    }
    return updated;
  }

  boolean removeApp(String name) throws MailtokenException {
    return db.write(c -> {
      List<String> users = AppRows.accountsUsing(c, name);
      if (!users.isEmpty()) {
        throw new AppInUseException(name, users);
      }
      return AppRows.delete(c, name);
    });
  }

  StoredAccount put(NewAccount a, boolean replace) throws MailtokenException {
    StoredAccount stored = db.write(c -> {
      if (!AppRows.exists(c, a.appName())) {
        throw new NoSuchEntryException("There is no app " + a.appName() + " for account " + a.address()
            + "; add it first (mailtoken apps add).", a.address());
      }
      Optional<AccountRow> existing = AccountRows.find(c, a.address(), db.forUpdate());
      Instant now = clock.instant();
      Map<String, Object> columns = grantColumns(a, now);
      if (existing.isPresent()) {
        if (!replace) {
          throw new DuplicateEntryException("Account " + a.address() + " already exists; remove it first, or"
              + " authorize again to replace its grant.", a.address());
        }
        keepTransport(existing.get(), columns);
        AccountRows.update(c, a.address(), existing.get().version(), columns, now, true);
        RefreshStates.clear(c, a.address());
        ResourceTokens.deleteAll(c, a.address());
      } else {
        columns.put("address", a.address());
        columns.put("created_at", now.toEpochMilli());
        columns.put("updated_at", now.toEpochMilli());
        columns.put("version", 1L);
        try {
          AccountRows.insert(c, columns);
        } catch (SQLException e) {
          if (Database.isDuplicate(e)) {
            throw new DuplicateEntryException("Account " + a.address() + " already exists.", a.address());
          }
          throw e;
        }
      }
      return AccountRows.find(c, a.address(), "").orElseThrow().account();
    });
    log.info("account {} {} (app {}, grant {}, version {})", a.address(), replace ? "replaced" : "added",
        a.appName(), a.kind(), stored.version());
    return stored;
  }

  /** Every grant column, so a replace leaves nothing of the old grant behind. */
  private Map<String, Object> grantColumns(NewAccount a, Instant now) {
    FieldCipher f = cipher.get();
    String address = a.address();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("app_name", a.appName());
    m.put("grant_kind", a.kind().name());
    m.put("subject", a.subject().orElse(null));
    m.put("granted_scopes", Columns.scopes(a.grantedScopes()));
    m.put(AccountRow.REFRESH_TOKEN, enc(f, AccountRow.REFRESH_TOKEN, address, a.refreshToken()));
    m.put(AccountRow.SERVICE_ACCOUNT_KEY, enc(f, AccountRow.SERVICE_ACCOUNT_KEY, address, a.serviceAccountKeyJson()));
    m.put(AccountRow.FIXED_TOKEN, enc(f, AccountRow.FIXED_TOKEN, address, a.fixedToken()));
    m.put(AccountRow.ACCESS_TOKEN, a.kind() == GrantKind.FIXED_TOKEN ? null
        : enc(f, AccountRow.ACCESS_TOKEN, address, a.accessToken().map(t -> t.value())));
    m.put("access_token_expires_at", Columns.millis(a.accessToken().flatMap(t -> t.expiresAt())));
    m.put("access_token_scopes", a.accessToken().map(t -> Columns.scopes(t.scopes())).orElse(null));
    m.put("status", AccountHealth.HEALTHY.name());
    m.put("last_refresh", a.accessToken().isPresent() && a.kind() != GrantKind.FIXED_TOKEN ? now.toEpochMilli() : null);
    m.put("last_error", null);
    m.put(RowSeal.COLUMN, RowSeal.of(AccountRow.TABLE, address, m).seal(f));
    return m;
  }

  /**
   * A re-authorized account keeps its default transport, sealed again with the new grant; one
   * written without the store key (the old row fails its MAC) is dropped.
   */
  private void keepTransport(AccountRow existing, Map<String, Object> columns) {
    String transport = existing.seal().covered().get("transport");
    if (transport == null) {
      return;
    }
    try {
      existing.verify(cipher.get());
    } catch (MailtokenException e) {
      columns.put("transport", null);
      return;
    }
    columns.put("transport", transport);
    columns.put(RowSeal.COLUMN, RowSeal.of(AccountRow.TABLE, existing.address(), columns).seal(cipher.get()));
  }

  static String enc(FieldCipher f, String column, String address, Optional<Secret> secret) {
    return secret.map(s -> f.encrypt(AccountRow.TABLE, column, address, s.reveal())).orElse(null);
  }

  void markReauthorizationRequired(String address, String reason) throws MailtokenException {
    String printable = ServerText.printable(reason);
    changeLocked(address, Map.of("status", AccountHealth.REAUTHORIZATION_REQUIRED.name(), "last_error", printable));
    log.error("account {} needs reauthorization: {}", address, printable);
  }

  void clearSecrets(String address) throws MailtokenException {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String column : AccountRow.SECRET_COLUMNS) {
      m.put(column, null);
    }
    m.put("access_token_expires_at", null);
    m.put("status", AccountHealth.REVOKED.name());
    db.write(c -> {
      AccountRow row = lockedRow(c, address);
      AccountRows.update(c, address, row.version(), m, clock.instant(), true);
      ResourceTokens.deleteAll(c, address);
      return null;
    });
    log.info("account {}: secrets removed, status REVOKED", address);
  }

  /** Stores a token for the scope key (empty: the account's own), version + 1. */
  void saveAccessToken(String address, String key, dev.mailtoken.token.AccessToken token) throws MailtokenException {
    db.write(c -> {
      AccountRow row = lockedRow(c, address);
      if (row.account().kind() == GrantKind.FIXED_TOKEN) {
        throw new IllegalArgumentException("account " + address + " has a fixed token, which is its grant: replace"
            + " the account to change it");
      }
      row.verify(cipher.get());
      Instant now = clock.instant();
      Map<String, Object> m = new LinkedHashMap<>();
      if (key.isEmpty()) {
        m.put(AccountRow.ACCESS_TOKEN, enc(cipher.get(), AccountRow.ACCESS_TOKEN, address, Optional.of(token.value())));
        m.put("access_token_expires_at", Columns.millis(token.expiresAt()));
        m.put("access_token_scopes", Columns.scopes(token.scopes()));
        m.put("last_refresh", now.toEpochMilli());
      } else {
        ResourceTokens.put(c, cipher.get(), address, key, token, now);
      }
      AccountRows.update(c, address, row.version(), m, now, true);
      return null;
    });
  }

  private void changeLocked(String address, Map<String, Object> columns) throws MailtokenException {
    db.write(c -> {
      AccountRow row = lockedRow(c, address);
      AccountRows.update(c, address, row.version(), columns, clock.instant(), true);
      return null;
    });
  }

  boolean update(String address, long expectedVersion, AccountEdit edit) throws MailtokenException {
    return db.write(c -> {
      Optional<AccountRow> row = AccountRows.find(c, address, db.forUpdate());
      if (row.isEmpty()) {
        return false;
      }
      if (row.get().version() != expectedVersion) {
        throw new ConcurrentEditException(address, expectedVersion, row.get().version());
      }
      // An edit must not re-seal a row someone changed without the key.
      row.get().verify(cipher.get());
      Map<String, Object> m = new LinkedHashMap<>();
      if (edit.appName().isPresent()) {
        if (!AppRows.exists(c, edit.appName().get())) {
          throw new NoSuchEntryException("There is no app " + edit.appName().get() + ".", address);
        }
        m.put("app_name", edit.appName().get());
      }
      edit.subject().ifPresent(s -> m.put("subject", s));
      edit.grantedScopes().ifPresent(s -> m.put("granted_scopes", Columns.scopes(s)));
      edit.health().ifPresent(s -> m.put("status", s.name()));
      edit.transport().ifPresent(t -> m.put("transport", t));
      if (edit.refreshToken().isPresent()) {
        m.put(AccountRow.REFRESH_TOKEN, enc(cipher.get(), AccountRow.REFRESH_TOKEN, address, edit.refreshToken()));
        m.put(AccountRow.ACCESS_TOKEN, null);
        m.put("access_token_expires_at", null);
        m.put("status", AccountHealth.HEALTHY.name());
        m.put("last_error", null);
      }
      if (RowSeal.ACCOUNT_COLUMNS.stream().anyMatch(m::containsKey)) {
        m.put(RowSeal.COLUMN, row.get().seal().with(m).seal(cipher.get()));
      }
      boolean updated = AccountRows.update(c, address, expectedVersion, m, clock.instant(), true);
      if (updated && edit.refreshToken().isPresent()) {
        RefreshStates.clear(c, address);
        ResourceTokens.deleteAll(c, address);
      }
      return updated;
    });
  }

  void saveRotatedRefreshToken(String address, Secret refreshToken) throws MailtokenException {
    db.write(c -> {
      AccountRow row = lockedRow(c, address);
      if (row.account().health() == AccountHealth.REVOKED) {
        throw new StoreException("Account " + address + " was revoked; the rotated refresh token (sha256:"
            + refreshToken.fingerprint() + ") is not stored. Authorize the account again.", address, null);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(AccountRow.REFRESH_TOKEN, enc(cipher.get(), AccountRow.REFRESH_TOKEN, address, Optional.of(refreshToken)));
      AccountRows.update(c, address, row.version(), m, clock.instant(), true);
      return null;
    });
    log.info("account {}: rotated refresh token sha256:{} saved", address, refreshToken.fingerprint());
  }

  private AccountRow lockedRow(Connection c, String address) throws SQLException, NoSuchEntryException {
    return AccountRows.find(c, address, db.forUpdate()).orElseThrow(() -> noSuchAccount(address));
  }

  static NoSuchEntryException noSuchAccount(String address) {
    return new NoSuchEntryException("There is no account " + address + " in the store; add it with"
        + " mailtoken authorize or mailtoken import.", address);
  }

  private static DuplicateEntryException duplicateApp(String name) {
    return new DuplicateEntryException("An app named " + name + " already exists; choose another name or"
        + " remove it first.", null);
  }
}
