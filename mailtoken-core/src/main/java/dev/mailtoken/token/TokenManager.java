package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Keeps access tokens valid for many accounts: one per process.
 *
 * <p>A cached token is returned without a lock while it is valid beyond the refresh margin.
 * Inside the refresh margin callers still get it while one background refresh runs; past the
 * expiry margin (or with no token) they wait for a refresh. Concurrent callers for one account
 * share one refresh and all get the same token or the same exception; failures are never cached
 * (the next call tries again), except {@code invalid_grant}: it marks the account
 * {@link AccountHealth#REAUTHORIZATION_REQUIRED} and every call fails at once, with no network,
 * until the account is {@linkplain #register registered} again. Renewable accounts are refreshed
 * in the background at expiry minus the refresh margin minus a random jitter, and failed
 * refreshes are retried there with {@link BackoffPolicy backoff}.
 *
 * <p>A caller waits for a refresh-token exchange at most the OAuth client's request timeout and
 * then gets an {@link dev.mailtoken.oauth.OAuthTimeoutException}; the exchange itself goes on until
 * the client's {@linkplain dev.mailtoken.oauth.OAuthClientBuilder#completionTimeout completion
 * timeout}, stays the one refresh in flight (nobody presents the old refresh token meanwhile), and
 * a late answer is saved (its rotated refresh token through the {@link RefreshTokenStore} first)
 * and served to the next caller.
 *
 * <p><b>Resources.</b> An account may have a token per scope set ({@link #token(String, List)}):
 * Microsoft issues a token for one resource per request (Outlook SMTP, Graph), and one refresh
 * token serves every resource the person consented to. Each (account, scope set) pair has its own
 * cached token, fast path, single-flight refresh, proactive refresh and backoff, exactly as above;
 * the account's token requests of all its scope sets go to the provider one at a time, each
 * presenting the refresh token current then, and a rotated refresh token is saved before the
 * token of any scope set from that response is handed out. {@code invalid_grant} parks only the
 * scope set it came from (for another resource it may mean "never consented to that resource").
 * Without scopes ({@link #token(String)}) the account's own token is meant: what the provider
 * issues for the grant with no {@code scope} parameter (Microsoft: the first resource consented to).
 *
 * <p>Thread-safe. Events go to the listeners on the listener executor after the change is
 * committed; listeners may be added and removed at any time ({@link #addListener}).
 * {@link #close()} stops background refresh and the threads the manager created.
 */
public final class TokenManager implements AutoCloseable {
  private final AccountTable accounts;
  private final ManagerConfig config;
  private final Clock clock;
  private final List<ExecutorService> owned;

  TokenManager(ManagerConfig config, boolean canCallTokenEndpoint, AccountLoader loader, List<ExecutorService> owned) {
    this.config = config;
    this.clock = config.clock();
    this.accounts = new AccountTable(config, canCallTokenEndpoint, loader);
    this.owned = List.copyOf(owned);
  }

  /** A builder; every option has a default, so {@code TokenManager.builder().build()} works. */
  public static TokenManagerBuilder builder() {
    return new TokenManagerBuilder();
  }

  /**
   * Adds an account, or replaces it: its state starts over, for every scope set (this is how an
   * account leaves {@link AccountHealth#REAUTHORIZATION_REQUIRED}).
   *
   * @throws IllegalStateException if the grant needs a token endpoint and no OAuth client was set
   */
  public void register(Account account) {
    accounts.ensureOpen();
    accounts.install(accounts.fresh(account), true);
  }

  /**
   * Like {@link #register(Account)}, and serves {@code current} as the account's cached token
   * until its refresh is due, so the first {@link #token} makes no request. Meant for an account
   * whose authorization code was just exchanged: pass the access token of that response. Its
   * background refresh is scheduled as for a token the manager fetched itself; no event is
   * published (the caller already has the token). A token already past the expiry margin is
   * ignored (logged at DEBUG): the first {@link #token} then refreshes as usual.
   *
   * @throws IllegalArgumentException for a {@link FixedTokenGrant}, which carries its own token
   * @throws IllegalStateException if the grant needs a token endpoint and no OAuth client was set
   */
  public void register(Account account, AccessToken current) {
    accounts.ensureOpen();
    accounts.install(accounts.seeded(account, current), true);
  }

  /**
   * Registers {@code account} unless an account with its address is registered already; then
   * nothing changes (its grant may hold a refresh token rotated since, which must not be replaced
   * by an older one). Per-message credentials use this: the first message registers the account.
   *
   * @return true when the account was registered by this call
   * @throws IllegalStateException if the grant needs a token endpoint and no OAuth client was set
   */
  public boolean registerIfAbsent(Account account) {
    Objects.requireNonNull(account, "account");
    accounts.ensureOpen();
    return accounts.get(account.address()) == null && accounts.install(accounts.fresh(account), false);
  }

  /**
   * {@link #registerIfAbsent(Account)} serving {@code current} as in {@link #register(Account, AccessToken)}.
   *
   * @throws IllegalArgumentException for a {@link FixedTokenGrant}, which carries its own token
   */
  public boolean registerIfAbsent(Account account, AccessToken current) {
    accounts.ensureOpen();
    AccountTokens tokens = accounts.seeded(account, current);
    if (accounts.get(account.address()) != null) {
      tokens.retire();
      return false;
    }
    return accounts.install(tokens, false);
  }

  /** Forgets an account (every scope set) and stops its background refresh; true when it was registered. */
  public boolean remove(String address) {
    return accounts.remove(Objects.requireNonNull(address, "address"));
  }

  /**
   * A valid access token for {@code account}'s own scopes, refreshing first when needed.
   *
   * @throws dev.mailtoken.ReauthorizationRequiredException the grant is dead
   * @throws dev.mailtoken.TransientException the refresh failed and the token has expired
   * @throws RefreshTokenPersistenceException a rotated refresh token could not be saved
   * @throws UnknownAccountException the account is not registered and the loader does not know it
   */
  public AccessToken token(String account) throws MailtokenException {
    AccountTokens tokens = accounts.get(account);
    if (tokens != null) {
      Snapshot s = tokens.own.snapshot;
      if (clock.millis() < s.freshUntil()) {
        return s.token();
      }
      return tokens.own.token();
    }
    return accounts.slot(account, ScopeKey.DEFAULT).token();
  }

  /**
   * A valid access token for {@code account} and the scope set {@code scopes}, e.g.
   * {@code List.of("https://graph.microsoft.com/Mail.Send")} for Microsoft Graph when the account's
   * own token is for Outlook SMTP. Cached and refreshed per (account, scope set) exactly like
   * {@link #token(String)}, from the same grant; order and duplicates do not matter, and an empty
   * list is the account's own token. The provider must allow the scopes with this grant (Microsoft:
   * one resource per request, consented to by the person), else the refresh fails as any would.
   *
   * @throws IllegalArgumentException for a blank scope or one with white space
   * @throws MailtokenException as {@link #token(String)}
   */
  public AccessToken token(String account, List<String> scopes) throws MailtokenException {
    return accounts.slot(account, ScopeKey.of(scopes)).token();
  }

  /** {@link #token(String)} without blocking; failures complete the future exceptionally. */
  public CompletableFuture<AccessToken> tokenAsync(String account) {
    return tokenAsync(account, ScopeKey.DEFAULT);
  }

  /** {@link #token(String, List)} without blocking; failures complete the future exceptionally. */
  public CompletableFuture<AccessToken> tokenAsync(String account, List<String> scopes) {
    List<String> key = ScopeKey.of(scopes);
    return accounts.slotAsync(account, key).thenCompose(AccountSlot::tokenAsync);
  }

  /**
   * A new token after {@code rejected} was refused by the mail server. Refreshes only if
   * {@code rejected} is still the current token, so a burst of rejections causes one refresh.
   */
  public AccessToken renew(String account, AccessToken rejected) throws MailtokenException {
    return renew(account, ScopeKey.DEFAULT, rejected, null);
  }

  /** {@link #renew(String, AccessToken)} for the token of the scope set {@code scopes}. */
  public AccessToken renew(String account, List<String> scopes, AccessToken rejected) throws MailtokenException {
    return renew(account, scopes, rejected, null);
  }

  /**
   * {@link #renew(String, List, AccessToken)}, saying why: the {@link TokenEvent.Issued} event of
   * the renewal carries {@code reason} ({@link TokenEvent.Issued#renewedAfter()}). When the token
   * was already renewed by someone else, or a refresh was already in flight, no event names it.
   *
   * @param reason what the server said; may be null
   */
  public AccessToken renew(String account, List<String> scopes, AccessToken rejected, Rejection reason)
      throws MailtokenException {
    Objects.requireNonNull(rejected, "rejected");
    return accounts.slot(account, ScopeKey.of(scopes)).renew(rejected, reason);
  }

  /** {@link #renew(String, AccessToken)} without blocking. */
  public CompletableFuture<AccessToken> renewAsync(String account, AccessToken rejected) {
    return renewAsync(account, ScopeKey.DEFAULT, rejected);
  }

  /** {@link #renew(String, List, AccessToken)} without blocking. */
  public CompletableFuture<AccessToken> renewAsync(String account, List<String> scopes, AccessToken rejected) {
    Objects.requireNonNull(rejected, "rejected");
    List<String> key = ScopeKey.of(scopes);
    return accounts.slotAsync(account, key).thenCompose(s -> s.renewAsync(rejected, null));
  }

  /**
   * A {@link TokenSource} for one account's own token. Its {@code token(true)} renews the token it
   * returned last; callers that know the exact rejected token should use {@link #renew} instead.
   */
  public TokenSource source(String account) {
    return source(account, ScopeKey.DEFAULT);
  }

  /** A {@link TokenSource} for one account's token of the scope set {@code scopes}. */
  public TokenSource source(String account, List<String> scopes) {
    Objects.requireNonNull(account, "account");
    return new ManagedTokenSource(this, account, ScopeKey.of(scopes));
  }

  /** The state of the account's own token, empty when the account is not registered. */
  public Optional<AccountStatus> status(String account) {
    return status(account, ScopeKey.DEFAULT);
  }

  /**
   * The state of the account's token for {@code scopes}; empty when the account is not
   * registered. A scope set never asked for reads as healthy without a token.
   */
  public Optional<AccountStatus> status(String account, List<String> scopes) {
    List<String> key = ScopeKey.of(scopes);
    AccountTokens tokens = accounts.get(Objects.requireNonNull(account, "account"));
    return tokens == null ? Optional.empty() : Optional.of(tokens.slot(key).snapshot.status(account));
  }

  /** The registered accounts' addresses. */
  public Set<String> accounts() {
    return accounts.addresses();
  }

  /**
   * Adds a listener. It gets every event published after this returns, after the listeners
   * added before it (the builder's first, in the order given); it may also get events published
   * shortly before (they are delivered on the listener executor). Thread-safe.
   */
  public void addListener(TokenListener listener) {
    config.events().add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener added here or on the builder (the first registration of it, when it was
   * added twice); an event already being delivered may still reach it. Thread-safe.
   *
   * @return true when it was registered
   */
  public boolean removeListener(TokenListener listener) {
    return config.events().remove(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops background refresh and shuts down the threads this manager created. Idempotent. */
  @Override
  public void close() {
    accounts.close();
    owned.forEach(ExecutorService::shutdown);
  }
}
