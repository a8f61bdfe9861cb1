package dev.mailtoken.store;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.TransientException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthTimeoutException;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets fresh tokens with cross-process coordination, without holding the database lock during
 * HTTP. A short locked transaction ({@link Database#write}) re-reads the account and either returns
 * a token another process stored meanwhile, or finds another process's refresh in flight (then it
 * polls until that refresh's outcome is committed, at most the lock wait), or commits a claim
 * ("refreshing since T, lease until L") and sends the request after the commit. The outcome is
 * committed by {@link RefreshCommit} whenever it arrives, up to the OAuth client's completion
 * timeout, even after this caller stopped waiting. A claim whose lease ran out belonged to a
 * process that died or lost its answer: the next caller tries once and, on {@code invalid_grant},
 * says that a refresh was interrupted. Thread-safe.
 */
final class TokenRefresher {
  private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);
  /** How often a waiting caller looks at another process's claim. */
  static final Duration POLL = Duration.ofMillis(100);
  /** A claim's lease beyond the completion timeout: time to commit the outcome. */
  static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

  /** What one locked look at the account decided. */
  private sealed interface Step permits Reuse, Busy, Claimed { }

  private record Reuse(AccessToken token) implements Step { }

  /**
   * Another process is refreshing; {@code version} is the account's version when this was seen and
   * {@code stored} the token stored then for the scope key asked (null: none).
   */
  private record Busy(RefreshStates.Row other, long version, Secret stored) implements Step { }

  /** What a waiting caller saw first: the account's version and the token stored for its scope key. */
  private record Seen(long version, Secret stored) { }

  private record Claimed(RefreshClaim claim) implements Step { }

  private final Database db;
  private final Supplier<FieldCipher> cipher;
  private final Clock clock;
  private final StoreOptions options;
  private final Pause pause;
  private final RefreshCommit commit;
  private final LateAnswers late;
  private volatile String owner; // computed on the first claim: naming the host may ask DNS

  TokenRefresher(Database db, Supplier<FieldCipher> cipher, Clock clock, StoreOptions options, Pause pause) {
    this.db = db;
    this.cipher = cipher;
    this.clock = clock;
    this.options = options;
    this.pause = pause;
    this.commit = new RefreshCommit(db, cipher, clock, options);
    this.late = new LateAnswers();
  }

  LateAnswers lateAnswers() {
    return late;
  }

  /** @param key the scope key ({@link ResourceTokens#key}); empty for the account's own token */
  Optional<AccessToken> cached(String address, String key, Duration minRemaining) throws MailtokenException {
    Instant now = clock.instant();
    return db.read(c -> {
      Optional<AccountRow> row = AccountRows.find(c, address, "");
      return row.isEmpty() ? Optional.<AccessToken>empty() : stored(c, row.get(), key);
    }).filter(t -> AccountRow.usable(t, now, minRemaining));
  }

  /**
   * The stored token for {@code key}: the account's own, or its resource token (checked against
   * the account row's MAC first). A fixed token serves every scope key.
   */
  private Optional<AccessToken> stored(Connection c, AccountRow row, String key)
      throws SQLException, MailtokenException {
    FieldCipher f = cipher.get();
    if (key.isEmpty() || row.account().kind() == GrantKind.FIXED_TOKEN) {
      return row.accessToken(f);
    }
    row.verify(f);
    return ResourceTokens.find(c, f, row.address(), key);
  }

  /** @param key the scope key ({@link ResourceTokens#key}); empty for the account's own token */
  AccessToken fresh(String address, String key, boolean renew, Optional<Secret> rejected, OAuthClient client)
      throws MailtokenException {
    Instant giveUp = clock.instant().plus(options.lockWait());
    Seen waitedFrom = null;
    while (true) {
      Seen seen = waitedFrom;
      Step step = db.write(c -> decide(c, address, key, renew, rejected, seen, client));
      if (step instanceof Reuse r) {
        log.debug("account {}: reusing stored access token sha256:{}", address, r.token().value().fingerprint());
        return r.token();
      }
      if (step instanceof Claimed claimed) {
        return send(claimed.claim(), client);
      }
      Busy busy = (Busy) step;
      waitedFrom = waitedFrom == null ? new Seen(busy.version(), busy.stored()) : waitedFrom;
      awaitOther(address, busy.other(), giveUp);
    }
  }

  private Step decide(Connection c, String address, String key, boolean renew, Optional<Secret> rejected,
      Seen waitedFrom, OAuthClient client) throws SQLException, MailtokenException {
    FieldCipher f = cipher.get();
    AccountRow row = AccountRows.find(c, address, db.forUpdate()).orElseThrow(() -> Accounts.noSuchAccount(address));
    Instant now = clock.instant();
    Optional<AccessToken> current = stored(c, row, key);
    Optional<AccessToken> stored = current.filter(t -> AccountRow.usable(t, now, CredentialStore.REUSE_MARGIN));
    // Another process may have refreshed while we waited: its token is as good as ours. (Another
    // resource's refresh also changes the version: for a resource token, only a new token counts.)
    // But the version also moves when its refresh failed (a dead grant, a recorded error): the
    // token the caller rejected is never handed back.
    boolean newSinceWaiting = waitedFrom != null && (key.isEmpty() ? row.version() > waitedFrom.version()
        : current.map(t -> !t.value().equals(waitedFrom.stored())).orElse(false));
    boolean isRejected = stored.isPresent() && rejected.isPresent() && stored.get().value().equals(rejected.get());
    if (stored.isPresent() && !isRejected && (!renew || newSinceWaiting || rejected.isPresent())) {
      return new Reuse(stored.get());
    }
    StoredAccount account = row.account();
    if (account.health() != AccountHealth.HEALTHY) {
      throw new ReauthorizationRequiredException("Account " + address + " is " + account.health()
          + account.lastError().map(e -> " (" + e + ")").orElse("") + "; run mailtoken authorize again.",
          address, null, null);
    }
    if (account.kind() == GrantKind.FIXED_TOKEN) {
      return new Reuse(fixed(row, f, renew, now));
    }
    RefreshStates.Row state = RefreshStates.find(c, address);
    if (state.state().refreshingAt(now)) {
      return new Busy(state, row.version(), current.map(AccessToken::value).orElse(null));
    }
    if (state.state().backingOffAt(now)) {
      throw deferred(account, state.state(), now);
    }
    RefreshClaim claim = claim(c, row, f, state.state(), now, client, key);
    RefreshStates.write(c, address, claim.row());
    return new Claimed(claim);
  }

  /** Prepares the request (so nothing can fail between the claim's commit and sending). */
  private RefreshClaim claim(Connection c, AccountRow row, FieldCipher f, RefreshState previous, Instant now,
      OAuthClient client, String scopeKey) throws SQLException, MailtokenException {
    StoredAccount account = row.account();
    String address = account.address();
    StoredApp app = AppRows.find(c, f, account.appName()).orElseThrow(() -> new NoSuchEntryException("Account "
        + address + " uses app " + account.appName() + ", which is not in the store.", address));
    Optional<Instant> interrupted = previous.interruptedAt();
    if (previous.abandonedAt(now)) {
      interrupted = previous.claimedAt();
      log.warn("account {}: the refresh sent at {} by {} never finished (its lease ran out at {}); its outcome is"
          + " unknown, trying once with the stored refresh token", address, previous.claimedAt().orElseThrow(),
          previous.claimOwner().orElse("?"), previous.leaseUntil().orElseThrow());
    }
    boolean refresh = account.kind() == GrantKind.REFRESH_TOKEN;
    Optional<Secret> refreshToken = refresh
        ? Optional.of(row.refreshToken(f).orElseThrow(() -> missing(address, "refresh token"))) : Optional.empty();
    Optional<ServiceAccountKey> key = refresh ? Optional.empty() : Optional.of(serviceAccountKey(row, f, app));
    List<String> scopes = !scopeKey.isEmpty() ? ResourceTokens.scopes(scopeKey)
        : account.grantedScopes().isEmpty() ? app.toApp().scopes() : account.grantedScopes();
    if (owner == null) {
      owner = Owners.thisProcess();
    }
    return new RefreshClaim(UUID.randomUUID().toString(), address, owner, now,
        now.plus(client.completionTimeout()).plus(LEASE_MARGIN), account.kind(), app.toApp(), refreshToken, key,
        account.subject(), scopes, previous, interrupted, scopeKey);
  }

  /**
   * Sends the claimed request and waits for its committed outcome, at most the client's request
   * timeout; a refresh-token answer is still read and committed until the completion timeout.
   */
  private AccessToken send(RefreshClaim claim, OAuthClient client) throws MailtokenException {
    if (claim.key().isPresent()) {
      TokenResponse response;
      try {
        response = client.jwtBearer(claim.key().get(), claim.subject().orElse(null), claim.scopes());
      } catch (MailtokenException e) {
        throw commit.failure(claim, e);
      }
      return commit.success(claim, response);
    }
    // The account's own token: no scope parameter (the grant's, Microsoft's first resource).
    List<String> asked = claim.scoped() ? claim.scopes() : List.of();
    return late.await(claim, client.refreshAsync(claim.app(), claim.sentRefreshToken().orElseThrow(), asked,
        claim.address()), commit, client.requestTimeout(), () -> pendingAnswer(claim, client));
  }

  private OAuthTimeoutException pendingAnswer(RefreshClaim claim, OAuthClient client) {
    return new OAuthTimeoutException("The provider has not answered the refresh of " + claim.address() + " within "
        + client.requestTimeout().toMillis() + " ms. The request stays open for up to "
        + Owners.describe(client.completionTimeout()) + " and its answer (possibly a rotated refresh token) is saved"
        + " then; other processes wait for it instead of sending the old refresh token. Try again in a moment.",
        claim.address(), client.requestTimeout(), null);
  }

  /** Polls the other process's claim until it is released or replaced, or fails at {@code giveUp}. */
  private void awaitOther(String address, RefreshStates.Row other, Instant giveUp) throws MailtokenException {
    while (true) {
      Instant now = clock.instant();
      if (!now.isBefore(giveUp)) {
        throw inProgress(address, other.state(), now);
      }
      Duration left = Duration.between(now, giveUp);
      try {
        pause.pause(left.compareTo(POLL) < 0 ? left : POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransientException("Interrupted while waiting for another process's refresh of " + address + ".",
            address, null, null, e);
      }
      RefreshStates.Row current = db.read(c -> RefreshStates.find(c, address));
      if (!current.claimId().equals(other.claimId()) || !current.state().refreshingAt(clock.instant())) {
        return;
      }
    }
  }

  private static RefreshInProgressException inProgress(String address, RefreshState other, Instant now) {
    Instant since = other.claimedAt().orElse(now);
    String who = other.claimOwner().orElse("another process");
    return new RefreshInProgressException("Another process (" + who + ") has been refreshing " + address + " for "
        + Owners.describe(Duration.between(since, now)) + " (since " + since + "); this one waited as long as it may ("
        + StoreOptions.LOCK_WAIT_VARIABLE + ") and sent nothing. Its result will be in the store: try again in a"
        + " moment.", address, since, who);
  }

  private static TransientException deferred(StoredAccount account, RefreshState state, Instant now) {
    Instant next = state.nextAttemptAt().orElseThrow();
    return new TransientException("The last refresh of " + account.address() + " failed"
        + account.lastError().map(e -> " (" + e + ")").orElse("") + "; after " + state.failures() + " failure(s)"
        + " every process waits until " + next + " before the next token request (backoff, or the provider's"
        + " Retry-After). Try again after that.", account.address(), null, Duration.between(now, next), null);
  }

  private static AccessToken fixed(AccountRow row, FieldCipher f, boolean renew, Instant now) throws MailtokenException {
    String address = row.address();
    if (renew) {
      throw new TokenNotRenewableException(address, "was rejected");
    }
    AccessToken token = row.accessToken(f).orElseThrow(() -> missing(address, "fixed token"));
    if (token.isExpiredAt(now)) {
      throw new TokenNotRenewableException(address, "expired at " + token.expiresAt().orElseThrow());
    }
    return token;
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
