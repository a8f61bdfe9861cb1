package dev.mailtoken.server.account;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.NoSuchEntryException;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.AccountHealth;
import dev.mailtoken.token.AccountStatus;
import dev.mailtoken.token.Scheduler;
import dev.mailtoken.token.TokenListener;
import dev.mailtoken.token.TokenManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every account in the store, kept fresh, and its tokens handed out over HTTP. One
 * {@link TokenManager} per node holds every healthy account (registered by {@link #start} and
 * {@link #sync}, seeded with the stored token so nothing is fetched at start), refreshes each
 * before expiry with jitter, through the store (one refresh per account per expiry across nodes),
 * at most {@code perSecond} refreshes per second per provider, honouring a provider's
 * {@code Retry-After}. An account that needs reauthorization is not registered, not retried, and
 * its event is recorded once. A hand-out never waits for a refresh that could have happened
 * earlier; {@code minValidity} asks for a token valid at least that long.
 *
 * <p>Thread-safe. Failures: {@link MailtokenException} subtypes (unknown account:
 * {@link NoSuchEntryException}; dead grant: {@code ReauthorizationRequiredException}; provider
 * down: {@code TransientException}). {@link #close} stops refreshing.
 */
public final class Accounts implements AutoCloseable {
  /** The largest {@code minValidity}: longer than that, no provider's token lives. */
  public static final Duration MAX_MIN_VALIDITY = Duration.ofMinutes(30);

  private final CredentialStore store;
  private final OAuthClient client;
  private final AuditLog audit;
  private final Clock clock;
  private final AccountEventRepository events;
  private final EventRecorder recorder;
  private final RefreshingAccounts fresh;
  private final TokenManager manager;
  private final AccountSummaries summaries;

  /**
   * @param scheduler runs the proactive refreshes (tests pass one they run by hand); empty: a
   *     daemon thread owned by this instance ({@link TimerScheduler}: about 100 bytes less per
   *     account than a {@code ScheduledThreadPoolExecutor}'s task)
   * @param listeners get the recorded account events and the hand-outs (webhooks, metrics)
   * @param tokenListeners get the token manager's own events, and the rotations the store made (metrics)
   */
  public Accounts(CredentialStore store, ServerDatabase db, OAuthClient client, AuditLog audit,
      RefreshSettings settings, Clock clock, Optional<Scheduler> scheduler, List<AccountEventListener> listeners,
      List<TokenListener> tokenListeners) {
    this.store = Objects.requireNonNull(store, "store");
    this.client = Objects.requireNonNull(client, "client");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.events = new AccountEventRepository(db);
    this.recorder = new EventRecorder(events, store, clock, listeners);
    this.fresh = new RefreshingAccounts(store, client, settings, clock, scheduler, recorder, tokenListeners);
    this.manager = fresh.manager();
    this.summaries = new AccountSummaries(this, store, events, settings.margin(), clock);
  }

  /** Registers every account that can be refreshed. @return how many */
  public int start() throws MailtokenException {
    return fresh.start();
  }

  /**
   * Brings this node in line with the store: registers accounts added or reconnected (by another
   * node or the CLI), forgets removed ones. @return how many changed
   */
  public int sync() throws MailtokenException {
    return fresh.sync();
  }

  /** Every account, by address. */
  public List<AccountView> list() throws MailtokenException {
    return store.accounts().stream().map(this::view).toList();
  }

  /** @throws NoSuchEntryException when there is no such account */
  public AccountView get(String address) throws MailtokenException {
    return view(stored(address));
  }

  /**
   * A valid access token for {@code address}, valid at least {@code minValidity} (zero: the
   * manager's own margin); records the hand-out in the audit log (account, caller, time).
   */
  public HandedOutToken token(String address, Duration minValidity, String actor) throws MailtokenException {
    if (minValidity.isNegative() || minValidity.compareTo(MAX_MIN_VALIDITY) > 0) {
      throw new IllegalArgumentException("minValidity must be between 0 and " + MAX_MIN_VALIDITY.toSeconds()
          + " seconds, was " + minValidity.toSeconds());
    }
    known(address);
    AccessToken t = manager.token(address);
    if (!minValidity.isZero() && t.expiresAt().map(e -> e.isBefore(clock.instant().plus(minValidity))).orElse(false)) {
      t = manager.renew(address, t);
    }
    return handOut(address, t, actor);
  }

  /**
   * A new token after {@code rejected} was refused by a mail server: a refresh only if it is
   * still the current token, so a burst of rejections makes one refresh.
   */
  public HandedOutToken renew(String address, Secret rejected, String actor) throws MailtokenException {
    known(address);
    AccessToken t = manager.renew(address, new AccessToken(rejected, Optional.empty(), Set.of()));
    return handOut(address, t, actor);
  }

  private HandedOutToken handOut(String address, AccessToken t, String actor) {
    audit.recordSoon(actor, "access_token.handed_out", address, "sha256:" + t.value().fingerprint());
    recorder.handedOut(address);
    return new HandedOutToken(address, t.value(), t.expiresAt(), List.copyOf(t.scopes()));
  }

  /** The account's events, newest first (at most {@code limit}, 1 to 1000). */
  public List<AccountEvent> events(String address, int limit) throws MailtokenException {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
    }
    stored(address);
    return events.newest(address, limit);
  }

  /**
   * Deletes an account: revokes its grant at the provider (when the provider has a revocation
   * endpoint), then removes it from the store and stops refreshing it. If the provider cannot be
   * reached, nothing is removed and the error is thrown, so the call can be repeated.
   */
  public Removal remove(String address, String actor) throws MailtokenException {
    StoredAccount a = stored(address);
    Removal removal = new Revoker(store, client).revoke(a);
    fresh.forget(address);
    store.removeAccount(address);
    recorder.record(address, AccountEvent.REMOVED, removal.message(),
        Map.of("revokedAtProvider", Boolean.toString(removal.revokedAtProvider())),
        address + "|removed|" + a.createdAt());
    audit.record(actor, "account.removed", address, removal.revokedAtProvider() ? "revoked at the provider"
        : "not revoked at the provider");
    return removal;
  }

  /**
   * Revokes an account's grant at the provider (where it has a revocation endpoint) and removes its
   * secrets from the store; the account stays, {@code REVOKED}, until it is reconnected or removed.
   * If the provider cannot be reached, nothing changes and the error is thrown.
   */
  public Removal revoke(String address, String actor) throws MailtokenException {
    StoredAccount a = stored(address);
    Removal revocation = new Revoker(store, client).revoke(a);
    fresh.forget(address);
    store.clearSecrets(address);
    recorder.record(address, AccountEvent.REVOKED, revocation.message(),
        Map.of("revokedAtProvider", Boolean.toString(revocation.revokedAtProvider())),
        address + "|revoked|" + a.version());
    audit.record(actor, AccountEvent.REVOKED, address, revocation.revokedAtProvider() ? "revoked at the provider"
        : "not revoked at the provider");
    return revocation;
  }

  /**
   * Tells this node that {@code address} was connected (or reconnected) by the connect flow or
   * the CLI: (re)registers it and records the event and audit line.
   */
  public void connected(String address, boolean reconnected, String actor) throws MailtokenException {
    StoredAccount a = stored(address);
    fresh.register(a);
    String kind = reconnected ? AccountEvent.RECONNECTED : AccountEvent.CONNECTED;
    recorder.record(address, kind, "", Map.of("app", a.appName()), address + "|" + kind + "|" + a.version());
    audit.record(actor, kind, address, "");
  }

  /** The token manager's state for {@code address} on this node. */
  public Optional<AccountStatus> status(String address) {
    return manager.status(address);
  }

  /**
   * This node's token manager, for observers only (the metrics' accounts-by-health gauges read its
   * account states); accounts are registered and removed through this facade, never through it.
   */
  public TokenManager tokenManager() {
    return manager;
  }

  /** The account routes: list, get, delete, token, renew, events. */
  public Endpoints endpoints() {
    return new AccountEndpoints(this);
  }

  /**
   * The account pages (a login required): {@code GET /admin}, the accounts overview with their
   * forecasts, and {@code /admin/accounts/{id}}: events, reconnect link (made by {@code reconnect}),
   * revoke, remove.
   */
  public Endpoints pages(ReconnectLinks reconnect) {
    return new AccountPageEndpoints(this, summaries, reconnect);
  }

  /**
   * Fails unless {@code address} is an account: one this node keeps fresh is known without a
   * database read (the hand-out's hot path; an account removed through another node is forgotten
   * here at the next {@link #sync}, and its grant was revoked at the provider when it was removed);
   * any other is looked up in the store.
   */
  private void known(String address) throws MailtokenException {
    if (manager.status(address).isEmpty()) {
      stored(address);
    }
  }

  private StoredAccount stored(String address) throws MailtokenException {
    return store.account(address).orElseThrow(() -> new NoSuchEntryException("No account " + address
        + "; list them with GET /v1/accounts.", address));
  }

  private AccountView view(StoredAccount a) {
    Optional<AccountStatus> live = manager.status(a.address());
    AccountHealth health = a.health() != AccountHealth.HEALTHY ? a.health()
        : live.map(AccountStatus::health).orElse(AccountHealth.HEALTHY);
    return new AccountView(a.address(), a.appName(), a.kind(), health, a.grantedScopes(), a.lastRefresh(),
        a.accessTokenExpiresAt(), a.lastError(), live.flatMap(AccountStatus::nextRetry), a.createdAt(),
        a.updatedAt(), a.version());
  }

  /** {@link #stop} with 10 seconds for the refreshes in flight. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }

  /**
   * Stops refreshing: nothing new starts, and the refreshes in flight get up to {@code grace} to
   * finish, so the store commits their results (a rotated refresh token included) before the
   * caller closes it. One still running after that is left to the store's transaction: rolled back
   * when the store closes, the old grant still stored, so the next start refreshes again.
   *
   * @return true when every refresh in flight finished
   */
  public boolean stop(Duration grace) {
    return fresh.stop(grace);
  }
}
