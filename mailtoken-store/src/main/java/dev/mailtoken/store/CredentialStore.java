package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.store.internal.SealedFields;
import dev.mailtoken.store.internal.StoreDatabase;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.AccountLoader;
import dev.mailtoken.token.RefreshTokenStore;
import java.nio.file.Path;
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
 * processes: under a short lock (PostgreSQL {@code SELECT ... FOR UPDATE}, SQLite
 * {@code BEGIN IMMEDIATE}) the account is re-read and, when a refresh is still needed, a claim is
 * committed; the request is sent with no lock held; callers that find another's claim wait for its
 * outcome (at most the {@linkplain StoreOptions#lockWait() lock wait}) instead of sending their
 * own. The rotated refresh token is committed before the new access token is returned, and a late
 * answer is committed even after its caller gave up. Backoff and {@code Retry-After} are stored
 * per account and honoured by every process. Every change of secrets or status increments the
 * account's version, and version-checked writes never overwrite a newer state.
 *
 * <p><b>Failures:</b> all methods throw {@link MailtokenException} subtypes:
 * {@link StoreException} (database; {@link StoreUnavailableException}, transient, when it cannot
 * be reached or stays locked), {@link RefreshInProgressException} (another process's refresh
 * outlasted the lock wait), {@link StoreKeyException} (wrong or missing key; nothing is
 * written), {@link TamperedRowException} (a row changed without the key: refused before any
 * network request), {@link DuplicateEntryException}, {@link NoSuchEntryException},
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
  private final StoreKeys keys;
  private final StoreReads reads;

  /** Made by {@link StoreOpening}, which opened {@code db} and checked {@code keys}. */
  CredentialStore(Database db, StoreKeys keys, Clock clock, StoreOptions options, Pause pause) {
    this.db = db;
    this.keys = keys;
    this.clock = clock;
    this.reads = new StoreReads(db, this::cipher);
    this.accounts = new Accounts(db, this::cipher, clock);
    this.refresher = new TokenRefresher(db, this::cipher, clock, options, pause);
  }

  /**
   * Opens (creating when needed) the database at {@code jdbcUrl} ({@code jdbc:sqlite:<file>} or
   * {@code jdbc:postgresql://...}), migrates its schema and checks that {@code keys} holds the
   * store's current key. The first open after upgrading to row MACs seals every existing row.
   *
   * Uses {@link StoreOptions#defaults()}.
   *
   * @throws StoreKeyException when the database was encrypted with a key not in {@code keys} (the
   *     message names the key file the last rotation wrote that key to)
   * @throws TamperedRowException when the key check was removed from a database that has rows
   * @throws StoreUnavailableException when the database cannot be reached within the connect timeout
   * @throws StoreException when the database cannot be migrated
   */
  public static CredentialStore open(String jdbcUrl, KeyRing keys, Clock clock) throws MailtokenException {
    return open(jdbcUrl, keys, clock, StoreOptions.defaults());
  }

  /**
   * Like {@link #open(String, KeyRing, Clock)}, with the timeouts and backoff of {@code options}
   * (e.g. {@link StoreOptions#fromEnvironment}).
   */
  public static CredentialStore open(String jdbcUrl, KeyRing keys, Clock clock, StoreOptions options)
      throws MailtokenException {
    return open(jdbcUrl, keys, clock, options, Pause.SLEEP);
  }

  /** Tests pass a {@link Pause} that moves their clock instead of sleeping. */
  static CredentialStore open(String jdbcUrl, KeyRing keys, Clock clock, StoreOptions options, Pause pause)
      throws MailtokenException {
    return StoreOpening.open(jdbcUrl, keys, clock, options, pause, true);
  }

  /**
   * Opens an existing store and never creates one: a missing SQLite file, or a PostgreSQL
   * database without mailtoken's tables, is a {@link NoSuchStoreException} and nothing is written.
   * A SQLite store this process can only read is opened read-only: reading works, and a write
   * (a refresh that must save its token) fails with a {@link StoreException} saying so. The
   * schema is migrated only when it is not current. Uses {@link StoreOptions#defaults()}.
   *
   * @throws NoSuchStoreException when there is no store at {@code jdbcUrl}
   * @throws StoreKeyException when the database was encrypted with a key not in {@code keys}
   * @throws StoreUnavailableException when the database cannot be reached within the connect timeout
   * @throws StoreException when the database cannot be migrated
   */
  public static CredentialStore openExisting(String jdbcUrl, KeyRing keys, Clock clock) throws MailtokenException {
    return openExisting(jdbcUrl, keys, clock, StoreOptions.defaults());
  }

  /** Like {@link #openExisting(String, KeyRing, Clock)}, with the timeouts and backoff of {@code options}. */
  public static CredentialStore openExisting(String jdbcUrl, KeyRing keys, Clock clock, StoreOptions options)
      throws MailtokenException {
    return StoreOpening.open(jdbcUrl, keys, clock, options, Pause.SLEEP, false);
  }

  FieldCipher cipher() {
    return keys.cipher();
  }

  /**
   * Every key this store knows, in key-file order (after a rotation or a reload of the key file,
   * the new ones too). The store's current key, which new values are written under, is the one
   * {@link #keyUsage()} marks current.
   */
  public KeyRing keys() {
    return keys.ring();
  }

  // ---- apps

  /** Adds an app. @throws DuplicateEntryException when an app with that name exists */
  public void addApp(StoredApp app) throws MailtokenException {
    accounts.addApp(app);
  }

  /** All apps, by name. @throws TamperedRowException for the first one changed without the store key */
  public List<StoredApp> apps() throws MailtokenException {
    return reads.apps();
  }

  /** The app. @throws TamperedRowException when it was changed without the store key */
  public Optional<StoredApp> app(String name) throws MailtokenException {
    return reads.app(name);
  }

  /**
   * Replaces every column of the app named {@code app.name()} with {@code app}'s values (the
   * client secret too: empty removes it), in one transaction, and seals the row again. Accounts
   * stay attached; their next refresh uses the new values.
   *
   * @return false when there is no such app
   * @throws TamperedRowException when the stored row was changed without the store key (it is not
   *     sealed again: remove and re-add it)
   */
  public boolean updateApp(StoredApp app) throws MailtokenException {
    return accounts.updateApp(Objects.requireNonNull(app, "app"));
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
    return accounts.put(account.at(reads.stored(account.address())), false);
  }

  /** Stores {@code account}, overwriting grant and secrets of an existing one (re-authorization): status {@code HEALTHY}, version + 1. */
  public StoredAccount replaceAccount(NewAccount account) throws MailtokenException {
    return accounts.put(account.at(reads.stored(account.address())), true);
  }

  /**
   * The account. Addresses match case-insensitively: {@code Alice@Example.com} finds the account
   * stored as {@code alice@example.com} (whose {@link StoredAccount#address()} keeps the stored
   * spelling), as every method here taking an address does; an exact match wins, and two stored
   * addresses differing only in case match only exactly.
   */
  public Optional<StoredAccount> account(String address) throws MailtokenException {
    return reads.account(address);
  }

  /** All accounts, by address. */
  public List<StoredAccount> accounts() throws MailtokenException {
    return reads.accounts();
  }

  /** @return false when there was no such account */
  public boolean removeAccount(String address) throws MailtokenException {
    String key = reads.stored(address);
    return db.write(c -> AccountRows.delete(c, key));
  }

  /**
   * How refreshing {@code address} stands across every process sharing the store: a refresh in
   * flight, one whose outcome was lost, failures and the next allowed attempt; empty when there is
   * no such account. No lock, no network.
   */
  public Optional<RefreshState> refreshState(String address) throws MailtokenException {
    return reads.refreshState(address);
  }

  /**
   * The account's decrypted secrets, or empty when there is no such account.
   *
   * @throws TamperedRowException when its app, grant kind, subject or scopes were changed without the key
   */
  public Optional<AccountSecrets> secrets(String address) throws MailtokenException {
    return reads.secrets(address);
  }

  /** Sets status {@code REAUTHORIZATION_REQUIRED} with {@code reason} as last error. @throws NoSuchEntryException */
  public void markReauthorizationRequired(String address, String reason) throws MailtokenException {
    accounts.markReauthorizationRequired(reads.stored(address), reason);
  }

  /** Removes every secret of the account (after a revocation) and sets status {@code REVOKED}. @throws NoSuchEntryException */
  public void clearSecrets(String address) throws MailtokenException {
    accounts.clearSecrets(reads.stored(address));
  }

  /**
   * Applies an admin edit if the account still has {@code expectedVersion}.
   *
   * @return false when there is no such account
   * @throws ConcurrentEditException when the account changed since it was read: nothing written
   */
  public boolean updateAccount(String address, long expectedVersion, AccountEdit edit) throws MailtokenException {
    return accounts.update(reads.stored(address), expectedVersion, edit);
  }

  // ---- tokens

  /**
   * The stored access token when it has at least {@code minRemaining} left (or an unknown
   * expiry): no lock, no network. The fast path of {@code mailtoken token}.
   */
  public Optional<AccessToken> cachedAccessToken(String address, Duration minRemaining) throws MailtokenException {
    return refresher.cached(reads.stored(address), "", minRemaining);
  }

  /**
   * {@link #cachedAccessToken(String, Duration)} for the account's token of the scope set
   * {@code scopes} (order and duplicates do not matter; empty: the account's own token). A
   * fixed-token account's token serves every scope set.
   *
   * @throws IllegalArgumentException for a blank scope or one with white space
   * @throws TamperedRowException when the account row was changed without the store key
   */
  public Optional<AccessToken> cachedAccessToken(String address, List<String> scopes, Duration minRemaining)
      throws MailtokenException {
    return refresher.cached(reads.stored(address), ResourceTokens.key(scopes), minRemaining);
  }

  /**
   * A valid access token for {@code address}: one another process stored (with at least
   * {@link #REUSE_MARGIN} left), the result of another process's refresh in flight, or a refresh
   * of its own, coordinated across processes (see the class comment). With {@code renew=true} the
   * stored token is not trusted and a new one is fetched (or another process's newer one used);
   * use {@link #freshToken(String, AccessToken, OAuthClient)} when the rejected token is known.
   * {@code invalid_grant} commits status {@code REAUTHORIZATION_REQUIRED} and is rethrown; other
   * failures push back the account's next allowed attempt. Returns within the lock wait plus the
   * client's request timeout.
   *
   * @throws NoSuchEntryException when there is no such account
   * @throws dev.mailtoken.ReauthorizationRequiredException when the grant is dead (the message says
   *     when a refresh had been interrupted before)
   * @throws RefreshInProgressException when another process's refresh outlasted the lock wait
   * @throws dev.mailtoken.TransientException when the provider failed, or every process is backing
   *     off until a time the message names ({@code retryAfter()} until then)
   * @throws dev.mailtoken.oauth.OAuthTimeoutException when the provider had not answered within the
   *     request timeout: the answer is still read and committed until the completion timeout
   */
  public AccessToken freshToken(String address, boolean renew, OAuthClient client) throws MailtokenException {
    return refresher.fresh(reads.stored(address), "", renew, Optional.empty(), client);
  }

  /**
   * {@link #freshToken(String, boolean, OAuthClient)} for the account's token of the scope set
   * {@code scopes}: Microsoft issues a token for one resource per request, so an account
   * consented to Outlook SMTP and Graph gets its own token (SMTP) from
   * {@code freshToken(address, false, client)} and a Graph token from {@code freshToken(address,
   * List.of("https://graph.microsoft.com/Mail.Send"), false, client)}, both from its one refresh
   * token. Each scope set's token is stored apart (encrypted, bound to the account and the scope
   * set); the refresh is coordinated per account across processes as for the own token (one
   * refresh-token use at a time, a rotated refresh token committed with the token), and honours
   * the account's shared backoff. A refusal that is not transient (Microsoft's
   * {@code consent_required}: the person never consented to that resource) is thrown and changes
   * nothing stored: the account's own token, health and backoff stay as they were. Empty
   * {@code scopes}: the account's own token.
   *
   * @throws IllegalArgumentException for a blank scope or one with white space
   * @throws dev.mailtoken.ReauthorizationRequiredException when the grant is dead, or (not stored)
   *     the scopes were never consented to
   */
  public AccessToken freshToken(String address, List<String> scopes, boolean renew, OAuthClient client)
      throws MailtokenException {
    return refresher.fresh(reads.stored(address), ResourceTokens.key(scopes), renew, Optional.empty(), client);
  }

  /** {@link #freshToken(String, AccessToken, OAuthClient)} for the token of the scope set {@code scopes}. */
  public AccessToken freshToken(String address, List<String> scopes, AccessToken rejected, OAuthClient client)
      throws MailtokenException {
    return refresher.fresh(reads.stored(address), ResourceTokens.key(scopes), true, Optional.of(rejected.value()),
        client);
  }

  /**
   * Stores {@code token} as the account's token for the scope set {@code scopes} (empty: its own
   * token), e.g. one a consent flow obtained, so the next {@link #freshToken} needs no request.
   * The account's version goes up. For its own token, {@link #putAccount} with the token is the usual way.
   *
   * @throws NoSuchEntryException when there is no such account
   * @throws IllegalArgumentException for a fixed-token account, whose token is its grant
   */
  public void saveAccessToken(String address, List<String> scopes, AccessToken token) throws MailtokenException {
    Objects.requireNonNull(token, "token");
    accounts.saveAccessToken(reads.stored(address), ResourceTokens.key(scopes), token);
  }

  /** The scope sets (as space-separated, sorted scope keys) the account has a resource token stored for. */
  public List<String> resourceTokenKeys(String address) throws MailtokenException {
    return reads.resourceTokenKeys(address);
  }

  /**
   * Renews after {@code rejected} was refused: if another process already stored a different
   * valid token, that one is returned without a request.
   */
  public AccessToken freshToken(String address, AccessToken rejected, OAuthClient client) throws MailtokenException {
    return refresher.fresh(reads.stored(address), "", true, Optional.of(rejected.value()), client);
  }

  /**
   * For {@code TokenManager.builder().accountLoader(...)}: every stored account as a
   * {@code CallbackGrant} whose callback is {@link #freshToken}, so many processes share one
   * refresh. The callback remembers the token it last returned per account and scope set and asks
   * for one that differs from it (a newer one another process stored, else a refresh): the
   * manager calls back only when it wants a new token, for a proactive refresh or a renew. A
   * scope set ({@code tokens.token(account, scopes)}, e.g. Graph's) gets the account's token for
   * it ({@link #freshToken(String, List, boolean, OAuthClient)}).
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
   * Re-encrypts every secret and re-seals every row under {@code newKeys}' current key in one
   * transaction, which makes it the store's current key. Secrets are read with the old and new
   * rings together, so {@code newKeys} need not hold the old key. On any failure nothing is changed.
   * The caller keeps the keys: write them (with the old ones) where every process reads them
   * before calling this, or use {@link #rotateKeyFile}.
   *
   * @throws TamperedRowException when a row was changed without the key (re-add it first)
   */
  public KeyRotation rotateKeys(KeyRing newKeys) throws MailtokenException {
    Objects.requireNonNull(newKeys, "newKeys");
    return KeyRotator.rotate(db, keys, Optional.of(newKeys), Optional.empty(), clock);
  }

  /**
   * {@code mailtoken keys rotate}: in one transaction holding the exclusive key lock, writes a new
   * key to {@code keyFile} in front of every key the file and this store hold (old keys stay, so a
   * process started earlier is never stranded), re-encrypts every secret and re-seals every row
   * under it, and records where it was written. A crash before the commit changes nothing in the
   * database, and the file then still holds the key the database uses; the next call finishes that
   * rotation (the file's first key becomes current) instead of adding another key.
   *
   * @throws StoreKeyException when neither the file nor this store holds the store's current key
   * @throws TamperedRowException when a row was changed without the key (re-add it first)
   */
  public KeyRotation rotateKeyFile(Path keyFile) throws MailtokenException {
    Objects.requireNonNull(keyFile, "keyFile");
    return KeyRotator.rotate(db, keys, Optional.empty(), Optional.of(keyFile), clock);
  }

  /**
   * {@code mailtoken keys status}: every key id this store holds or the database uses, with how
   * many encrypted fields and row MACs use it; the store's current key first.
   */
  public List<KeyUsage> keyUsage() throws MailtokenException {
    return KeyInventory.usage(db, keys.ring());
  }

  /**
   * {@code mailtoken keys retire}: removes key {@code keyId} from {@code keyFile} once nothing uses it.
   *
   * @return the keys left in the file
   * @throws StoreKeyException when it is the store's current key, any encrypted field or row MAC
   *     still uses it, or the file does not hold it: nothing is changed
   */
  public KeyRing retireKey(String keyId, Path keyFile) throws MailtokenException {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(keyFile, "keyFile");
    return KeyInventory.retire(db, keyId, keyFile);
  }

  /**
   * Checks that this store can still read its database: reads the key check and decrypts it (a
   * key this process lacks is looked for in its key file again). For readiness probes; no secret
   * is read and nothing is written.
   *
   * @throws StoreKeyException when the store's current key is missing here or the key check does
   *     not decrypt (another process rotated to a key this one cannot find)
   * @throws StoreException when the database cannot be read
   */
  public void verifyKey() throws MailtokenException {
    KeyCheck.verify(db, cipher());
  }

  /**
   * <b>Not a user API</b> (for {@code mailtoken-server}, may change in any release): the
   * database behind this store, so the server keeps its tables beside the store's.
   */
  @SuppressWarnings("exports") // its type is exported to dev.mailtoken.server only, on purpose
  public StoreDatabase internalDatabase() {
    return new StoreDatabase(db.dataSource(), db.dialect() == Database.Dialect.POSTGRESQL, db.description());
  }

  /**
   * <b>Not a user API</b> (for {@code mailtoken-server}, may change in any release): this store's
   * field cipher, so the server keeps the secrets it must recover encrypted like the store's, in
   * columns registered in {@code sealed_columns} (which key rotation re-encrypts).
   */
  @SuppressWarnings("exports") // its type is exported to dev.mailtoken.server only, on purpose
  public SealedFields internalSealedFields() {
    return new FieldCipherSealer(keys);
  }

  /**
   * The accounts whose refresh answer is still awaited although its caller stopped waiting (the
   * provider was slower than the OAuth client's request timeout); {@link #close()} waits for them.
   */
  public List<String> lateRefreshes() {
    return refresher.lateAnswers().accounts();
  }

  /**
   * Waits for the {@linkplain #lateRefreshes() late refresh answers} still out (each at most its
   * OAuth client's completion timeout) and commits them, then closes the connection pool
   * (PostgreSQL). Idempotent.
   */
  @Override
  public void close() {
    refresher.lateAnswers().awaitAll();
    db.close();
  }

  @Override
  public String toString() {
    return "CredentialStore[" + db.description() + ", keys=" + keys.ring().keyIds() + "]";
  }
}
