package dev.mailtoken.store;

import dev.mailtoken.oauth.App;
import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.ServiceAccountKey;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.AccountHealth;
import dev.mailtoken.token.TokenNotRenewableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets fresh tokens with cross-process coordination: inside {@link Database#write} (the SQLite
 * write lock or the PostgreSQL row lock) it re-reads the account, returns a token another
 * process stored meanwhile, or refreshes and commits the new tokens before returning them. A
 * refresh failure is recorded (invalid_grant: status REAUTHORIZATION_REQUIRED) and committed,
 * then rethrown.
 */
final class TokenRefresher {
  private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);

  /** What happened inside the transaction; a failure is thrown only after the commit. */
  private record Outcome(AccessToken token, boolean refreshed, Optional<Secret> rotated, MailtokenException failure) {
    static Outcome reused(AccessToken token) {
      return new Outcome(token, false, Optional.empty(), null);
    }
  }

  private final Database db;
  private final Supplier<FieldCipher> cipher;
  private final Clock clock;

  TokenRefresher(Database db, Supplier<FieldCipher> cipher, Clock clock) {
    this.db = db;
    this.cipher = cipher;
    this.clock = clock;
  }

  Optional<AccessToken> cached(String address, Duration minRemaining) throws MailtokenException {
    Optional<AccountRow> row = db.read(c -> AccountRows.find(c, address, ""));
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return row.get().accessToken(cipher.get()).filter(t -> AccountRow.usable(t, now, minRemaining));
  }

  AccessToken fresh(String address, boolean renew, Optional<Secret> rejected, OAuthClient client)
      throws MailtokenException {
    Outcome o = db.write(c -> locked(c, address, renew, rejected, client));
    if (o.failure() != null) {
      throw o.failure();
    }
    if (o.refreshed()) {
      log.info("account {}: new access token sha256:{} stored{}", address, o.token().value().fingerprint(),
          o.rotated().map(r -> ", refresh token rotated to sha256:" + r.fingerprint()).orElse(""));
    } else {
      log.debug("account {}: reusing stored access token sha256:{}", address, o.token().value().fingerprint());
    }
    return o.token();
  }

  private Outcome locked(Connection c, String address, boolean renew, Optional<Secret> rejected, OAuthClient client)
      throws SQLException, MailtokenException {
    FieldCipher f = cipher.get();
    AccountRow row = AccountRows.find(c, address, db.forUpdate()).orElseThrow(() -> Accounts.noSuchAccount(address));
    Instant now = clock.instant();
    Optional<AccessToken> stored = row.accessToken(f).filter(t -> AccountRow.usable(t, now, CredentialStore.REUSE_MARGIN));
    // Another process may have refreshed while we waited for the lock: its token is as good as ours.
    if (stored.isPresent() && (!renew || (rejected.isPresent() && !stored.get().value().equals(rejected.get())))) {
      return Outcome.reused(stored.get());
    }
    StoredAccount account = row.account();
    if (account.health() != AccountHealth.HEALTHY) {
      throw new ReauthorizationRequiredException("Account " + address + " is " + account.health()
          + account.lastError().map(e -> " (" + e + ")").orElse("") + "; run mailtoken authorize again.",
          address, null, null);
    }
    if (account.kind() == GrantKind.FIXED_TOKEN) {
      return fixed(row, f, renew, now);
    }
    return refresh(c, row, f, now, client);
  }

  /** Asks the provider for a new token and records the result in the locked row. */
  private Outcome refresh(Connection c, AccountRow row, FieldCipher f, Instant now, OAuthClient client)
      throws SQLException, MailtokenException {
    StoredAccount account = row.account();
    String address = account.address();
    StoredApp storedApp = AppRows.find(c, f, account.appName()).orElseThrow(() -> new NoSuchEntryException("Account "
        + address + " uses app " + account.appName() + ", which is not in the store.", address));
    App app = storedApp.toApp();
    Optional<Secret> refreshToken = row.refreshToken(f);
    TokenResponse response;
    try {
      response = account.kind() == GrantKind.REFRESH_TOKEN
          ? client.refresh(app, refreshToken.orElseThrow(() -> missing(address, "refresh token")), List.of(), address)
          : client.jwtBearer(serviceAccountKey(row, f, storedApp), account.subject().orElse(null),
              account.grantedScopes().isEmpty() ? app.scopes() : account.grantedScopes());
    } catch (ReauthorizationRequiredException e) {
      // OAuthClient has already cleaned any secret the provider echoed out of the message.
      String reason = String.valueOf(e.getMessage());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", AccountHealth.REAUTHORIZATION_REQUIRED.name());
      m.put("last_error", reason);
      AccountRows.update(c, address, row.version(), m, now, true);
      log.error("account {} needs reauthorization: {}", address, reason);
      return new Outcome(null, false, Optional.empty(), e);
    } catch (MailtokenException e) {
      // Transient or configuration failure: remember it for `accounts show`; the grant is unchanged.
      AccountRows.update(c, address, row.version(), Map.of("last_error", String.valueOf(e.getMessage())), now, false);
      return new Outcome(null, false, Optional.empty(), e);
    }
    Optional<Secret> rotated = refreshToken.flatMap(old -> response.refreshToken().filter(n -> !n.equals(old)));
    // Stored as the provider said (unknown stays unknown, for `accounts show`); handed out with the
    // expiry every later read of the stored row gives it: assumed from last_refresh (= now) if unknown.
    storeNew(c, row, f, now, new AccessToken(response.accessToken(), response.expiresAt(), response.scopes()), rotated);
    AccessToken token = new AccessToken(response.accessToken(),
        Optional.of(response.expiresAt().orElse(now.plus(TokenResponse.ASSUMED_LIFETIME))), response.scopes());
    return new Outcome(token, true, rotated, null);
  }

  /** The rotated refresh token and the new access token, in the same transaction: committed before either is used. */
  private static void storeNew(Connection c, AccountRow row, FieldCipher f, Instant now, AccessToken token,
      Optional<Secret> rotated) throws SQLException {
    String address = row.address();
    Map<String, Object> m = new LinkedHashMap<>();
    rotated.ifPresent(r -> m.put(AccountRow.REFRESH_TOKEN, Accounts.enc(f, AccountRow.REFRESH_TOKEN, address, rotated)));
    m.put(AccountRow.ACCESS_TOKEN, Accounts.enc(f, AccountRow.ACCESS_TOKEN, address, Optional.of(token.value())));
    m.put("access_token_expires_at", Columns.millis(token.expiresAt()));
    m.put("access_token_scopes", Columns.scopes(token.scopes()));
    m.put("last_refresh", now.toEpochMilli());
    m.put("last_error", null);
    if (!AccountRows.update(c, address, row.version(), m, now, true)) {
      throw new IllegalStateException("account " + address + " changed although its row was locked");
    }
  }

  private static Outcome fixed(AccountRow row, FieldCipher f, boolean renew, Instant now) throws MailtokenException {
    String address = row.address();
    if (renew) {
      throw new TokenNotRenewableException(address, "was rejected");
    }
    AccessToken token = row.accessToken(f).orElseThrow(() -> missing(address, "fixed token"));
    if (token.isExpiredAt(now)) {
      throw new TokenNotRenewableException(address, "expired at " + token.expiresAt().orElseThrow());
    }
    return Outcome.reused(token);
  }

  /**
   * The stored key; for a non-Google app the assertion's audience is the app's token endpoint
   * (RFC 7523 §3), Google's keys already name Google's.
   */
  private static ServiceAccountKey serviceAccountKey(AccountRow row, FieldCipher f, StoredApp app)
      throws MailtokenException {
    Secret json = row.serviceAccountKey(f).orElseThrow(() -> missing(row.address(), "service-account key"));
    try {
      ServiceAccountKey key = ServiceAccountKey.fromJson(json.reveal());
      return app.kind() == ProviderKind.GOOGLE ? key : key.withAudience(app.tokenEndpoint().toString());
    } catch (RuntimeException e) {
      throw new ConfigurationException("The stored service-account key of " + row.address() + " cannot be read ("
          + e.getClass().getSimpleName() + "); import the key file again.", row.address(), null, null);
    }
  }

  private static ConfigurationException missing(String address, String what) {
    return new ConfigurationException("Account " + address + " has no stored " + what + "; authorize it again.",
        address, null, null);
  }
}
