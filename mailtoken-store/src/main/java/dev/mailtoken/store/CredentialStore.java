package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.store.internal.SealedFields;
import dev.mailtoken.store.internal.StoreDatabase;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.AccountLoader;
import dev.mailtoken.token.RefreshTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Apps and accounts, their secrets encrypted field by field (AES-256-GCM under a key id), in
 * SQLite (the embedded default) or PostgreSQL (shared by many processes or nodes).
 *
 * <pre>{@code
 * Map<String, String> env = System.getenv();
 * Path home = StoreHome.resolve(env);
 * try (CredentialStore store = CredentialStore.open(StoreHome.jdbcUrl(env, home),
 *     KeyRing.fromEnvironment(env, home), Clock.systemUTC())) {
 *   AccessToken token = store.freshToken("alice@example.com", false, oauthClient);
 * }
 * }</pre>
 *
 * <p><b>Thread-safety:</b> one instance may be shared by many threads; any number of instances
 * in any number of processes may share one database. {@link #freshToken} is coordinated across
 * processes: the row (PostgreSQL {@code SELECT ... FOR UPDATE}) or the database (SQLite
 * {@code BEGIN IMMEDIATE}) is locked, re-read, refreshed only if still needed, and the rotated
 * refresh token committed before the new access token is returned. Every change of secrets or
 * status increments the account's version, and version-checked writes never overwrite a newer
 * state.
 *
 * <p><b>Failures:</b> all methods throw {@link MailtokenException} subtypes:
 * {@link StoreException} (database), {@link StoreKeyException} (wrong or missing key; nothing is
 * written), {@link DuplicateEntryException}, {@link NoSuchEntryException},
 * {@link AppInUseException}, {@link ConcurrentEditException}, and the OAuth exceptions of a
 * refresh. No message, log line or {@code toString} holds a secret.
 */
public final class CredentialStore implements AutoCloseable {
  /**
   * {@link #freshToken} without renew returns a token another process stored when it has at
   * least this long left: longer than the token manager's refresh margin (5 min + jitter), so a
   * manager is never handed a token it would want to refresh at once.
   */
  public static final Duration REUSE_MARGIN = Duration.ofMinutes(10);

  private final Database db;
  private final Clock clock;
  private final Accounts accounts;
  private final TokenRefresher refresher;
  private volatile FieldCipher cipher;

  private CredentialStore(Database db, FieldCipher cipher, Clock clock) {
    this.db = db;
    this.cipher = cipher;
    this.clock = clock;
    this.accounts = new Accounts(db, this::cipher, clock);
    this.refresher = new TokenRefresher(db, this::cipher, clock);
  }

  /**
   * Opens (creating when needed) the database at {@code jdbcUrl} ({@code jdbc:sqlite:<file>} or
   * {@code jdbc:postgresql://...}), migrates its schema and checks that {@code keys} can read it.
   *
   * @throws StoreKeyException when the database was encrypted with a key not in {@code keys}
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static CredentialStore open(String jdbcUrl, KeyRing keys, Clock clock) throws MailtokenException {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(clock, "clock");
    Database db = Database.open(jdbcUrl);
    try {
      StoreSchema.migrate(db);
      FieldCipher cipher = new FieldCipher(keys);
      StoreSchema.checkKey(db, cipher);
      return new CredentialStore(db, cipher, clock);
    } catch (MailtokenException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  FieldCipher cipher() {
    return cipher;
  }

  /** The key ring in use (after {@link #rotateKeys}, the new one). */
  public KeyRing keys() {
    return cipher.keys();
  }

  // ---- apps

  /** Adds an app. @throws DuplicateEntryException when an app with that name exists */
  public void addApp(StoredApp app) throws MailtokenException {
    accounts.addApp(app);
  }

  /** All apps, by name. */
  public List<StoredApp> apps() throws MailtokenException {
    return db.read(c -> AppRows.all(c, cipher));
  }

  public Optional<StoredApp> app(String name) throws MailtokenException {
    return db.read(c -> AppRows.find(c, cipher, name));
  }

  /**
   * Removes an app. @return false when there was none
   * @throws AppInUseException when accounts still use it
   */
  public boolean removeApp(String name) throws MailtokenException {
    return accounts.removeApp(name);
  }

  // ---- accounts

  /**
   * Stores a new account (status {@code HEALTHY}, version 1).
   *
   * @throws DuplicateEntryException when the address exists (use {@link #replaceAccount})
   * @throws NoSuchEntryException when its app does not exist
   */
  public StoredAccount putAccount(NewAccount account) throws MailtokenException {
    return accounts.put(account, false);
  }

  /** Stores {@code account}, overwriting grant and secrets of an existing one (re-authorization): status {@code HEALTHY}, version + 1. */
  public StoredAccount replaceAccount(NewAccount account) throws MailtokenException {
    return accounts.put(account, true);
  }

  public Optional<StoredAccount> account(String address) throws MailtokenException {
    return db.read(c -> AccountRows.find(c, address, "").map(AccountRow::account));
  }

  /** All accounts, by address. */
  public List<StoredAccount> accounts() throws MailtokenException {
    return db.read(c -> AccountRows.all(c, "").stream().map(AccountRow::account).toList());
  }

  /** @return false when there was no such account */
  public boolean removeAccount(String address) throws MailtokenException {
    return db.write(c -> AccountRows.delete(c, address));
  }

  /** The account's decrypted secrets, or empty when there is no such account. */
  public Optional<AccountSecrets> secrets(String address) throws MailtokenException {
    Optional<AccountRow> row = db.read(c -> AccountRows.find(c, address, ""));
    return row.isEmpty() ? Optional.empty() : Optional.of(row.get().secrets(cipher));
  }

  /** Sets status {@code REAUTHORIZATION_REQUIRED} with {@code reason} as last error. @throws NoSuchEntryException */
  public void markReauthorizationRequired(String address, String reason) throws MailtokenException {
    accounts.markReauthorizationRequired(address, reason);
  }

  /** Removes every secret of the account (after a revocation) and sets status {@code REVOKED}. @throws NoSuchEntryException */
  public void clearSecrets(String address) throws MailtokenException {
    accounts.clearSecrets(address);
  }

  /**
   * Applies an admin edit if the account still has {@code expectedVersion}.
   *
   * @return false when there is no such account
   * @throws ConcurrentEditException when the account changed since it was read: nothing written
   */
  public boolean updateAccount(String address, long expectedVersion, AccountEdit edit) throws MailtokenException {
    return accounts.update(address, expectedVersion, edit);
  }

  // ---- tokens

  /**
   * The stored access token when it has at least {@code minRemaining} left (or an unknown
   * expiry): no lock, no network. The fast path of {@code mailtoken token}.
   */
  public Optional<AccessToken> cachedAccessToken(String address, Duration minRemaining) throws MailtokenException {
    return refresher.cached(address, minRemaining);
  }

  /**
   * A valid access token for {@code address}, refreshing under the cross-process lock when no
   * other process has stored one meanwhile (one with at least {@link #REUSE_MARGIN} left).
   * With {@code renew=true} the stored token is not trusted and a new one is always fetched; use
   * {@link #freshToken(String, AccessToken, OAuthClient)} when the rejected token is known.
   * {@code invalid_grant} commits status {@code REAUTHORIZATION_REQUIRED} and is rethrown.
   *
   * @throws NoSuchEntryException when there is no such account
   * @throws dev.mailtoken.ReauthorizationRequiredException when the grant is dead
   */
  public AccessToken freshToken(String address, boolean renew, OAuthClient client) throws MailtokenException {
    return refresher.fresh(address, renew, Optional.empty(), client);
  }

  /**
   * Renews after {@code rejected} was refused: if another process already stored a different
   * valid token, that one is returned without a request.
   */
  public AccessToken freshToken(String address, AccessToken rejected, OAuthClient client) throws MailtokenException {
    return refresher.fresh(address, true, Optional.of(rejected.value()), client);
  }

  /**
   * For {@code TokenManager.builder().accountLoader(...)}: every stored account as a
   * {@code CallbackGrant} whose callback is {@link #freshToken}, so many processes share one
   * refresh. The callback remembers the token it last returned per account and asks for one
   * that differs from it (a newer one another process stored, else a refresh): the manager calls
   * back only when it wants a new token, for a proactive refresh or a renew.
   */
  public AccountLoader accountLoader(OAuthClient client) {
    Objects.requireNonNull(client, "client");
    StoreTokenCallback callback = new StoreTokenCallback(this, client);
    return address -> account(address).map(a -> callback.account(address));
  }

  /**
   * For {@code TokenManager.builder().refreshTokenStore(...)} with {@code RefreshTokenGrant}s:
   * saves a rotated refresh token with a version-checked update (bumping the version, so a
   * concurrent admin edit fails instead of restoring the old token). Refuses revoked accounts.
   */
  public RefreshTokenStore refreshTokenStore() {
    return accounts::saveRotatedRefreshToken;
  }

  /**
   * Re-encrypts every secret under {@code newKeys}' current key in one transaction, then uses
   * {@code newKeys}. Secrets are read with the old and new rings together, so {@code newKeys}
   * need not hold the old key. On any failure nothing is changed.
   */
  public KeyRotation rotateKeys(KeyRing newKeys) throws MailtokenException {
    Objects.requireNonNull(newKeys, "newKeys");
    FieldCipher old = cipher;
    KeyRotation result = KeyRotator.rotate(db, new FieldCipher(newKeys.followedBy(old.keys())),
        new FieldCipher(newKeys), clock);
    cipher = new FieldCipher(newKeys);
    return result;
  }

  /**
   * <b>Not a user API</b> (for {@code mailtoken-server}, may change in any release): the
   * database behind this store, so the server keeps its tables beside the store's.
   */
  public StoreDatabase internalDatabase() {
    return new StoreDatabase(db.dataSource(), db.dialect() == Database.Dialect.POSTGRESQL, db.description());
  }

  /**
   * <b>Not a user API</b> (for {@code mailtoken-server}, may change in any release): this store's
   * field cipher, so the server keeps the secrets it must recover encrypted like the store's.
   */
  public SealedFields internalSealedFields() {
    return new FieldCipherSealer(this::cipher);
  }

  /** Closes the connection pool (PostgreSQL). Idempotent. */
  @Override
  public void close() {
    db.close();
  }

  @Override
  public String toString() {
    return "CredentialStore[" + db.description() + ", keys=" + cipher.keys().keyIds() + "]";
  }
}
