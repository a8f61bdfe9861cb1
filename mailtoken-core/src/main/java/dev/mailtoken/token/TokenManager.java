package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.OAuthClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Thread-safe. Events go to the listeners on the listener executor after the change is
 * committed. {@link #close()} stops background refresh and the threads the manager created.
 */
public final class TokenManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);

  private final ConcurrentHashMap<String, AccountSlot> slots = new ConcurrentHashMap<>();
  private final ManagerConfig config;
  private final Clock clock;
  private final boolean canCallTokenEndpoint;
  private final AccountLoader loader;
  private final List<ExecutorService> owned;
  private volatile boolean closed;

  private TokenManager(Builder b, ManagerConfig config, List<ExecutorService> owned) {
    this.config = config;
    this.clock = config.clock();
    this.canCallTokenEndpoint = b.endpoint != null;
    this.loader = b.loader;
    this.owned = List.copyOf(owned);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Adds an account, or replaces it: its state starts over (this is how an account leaves
   * {@link AccountHealth#REAUTHORIZATION_REQUIRED}).
   *
   * @throws IllegalStateException if the grant needs a token endpoint and no OAuth client was set
   */
  public void register(Account account) {
    Objects.requireNonNull(account, "account");
    ensureOpen();
    checkEndpoint(account);
    install(account, new AccountSlot(account, config), false);
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
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(current, "current");
    ensureOpen();
    if (account.grant() instanceof FixedTokenGrant) {
      throw new IllegalArgumentException("account " + account.address() + " has a FixedTokenGrant, which"
          + " carries its own token: register(account) without a current token");
    }
    checkEndpoint(account);
    AccountSlot slot = new AccountSlot(account, config);
    boolean seeded = slot.seed(current);
    if (!seeded) {
      LOG.debug("current token ignored, it expires within the expiry margin account={} token=sha256:{}"
          + " expiresAt={}", account.address(), current.value().fingerprint(),
          current.expiresAt().map(Object::toString).orElse("unknown"));
    }
    install(account, slot, seeded);
  }

  private void checkEndpoint(Account account) {
    Grant grant = account.grant();
    if ((grant instanceof RefreshTokenGrant || grant instanceof ServiceAccountGrant) && !canCallTokenEndpoint) {
      throw new IllegalStateException("account " + account.address() + " has a "
          + grant.getClass().getSimpleName() + ", which needs TokenManager.builder().oauthClient(...)");
    }
  }

  private void install(Account account, AccountSlot slot, boolean seeded) {
    AccountSlot previous = slots.put(account.address(), slot);
    if (previous != null) {
      previous.retire();
    }
    LOG.debug("account registered account={} grant={} replaced={} seeded={}",
        account.address(), account.grant().getClass().getSimpleName(), previous != null, seeded);
  }

  /** Forgets an account and stops its background refresh; true when it was registered. */
  public boolean remove(String address) {
    AccountSlot previous = slots.remove(Objects.requireNonNull(address, "address"));
    if (previous != null) {
      previous.retire();
    }
    return previous != null;
  }

  /**
   * A valid access token for {@code account}, refreshing first when needed.
   *
   * @throws dev.mailtoken.ReauthorizationRequiredException the grant is dead
   * @throws dev.mailtoken.TransientException the refresh failed and the token has expired
   * @throws RefreshTokenPersistenceException a rotated refresh token could not be saved
   * @throws UnknownAccountException the account is not registered and the loader does not know it
   */
  public AccessToken token(String account) throws MailtokenException {
    AccountSlot slot = slots.get(account);
    if (slot != null) {
      Snapshot s = slot.snapshot;
      if (clock.millis() < s.freshUntil()) {
        return s.token();
      }
      return slot.token();
    }
    return slotFor(account).token();
  }

  /** {@link #token(String)} without blocking; failures complete the future exceptionally. */
  public CompletableFuture<AccessToken> tokenAsync(String account) {
    AccountSlot slot = slots.get(Objects.requireNonNull(account, "account"));
    if (slot != null) {
      return slot.tokenAsync();
    }
    return loadAsync(account).thenCompose(AccountSlot::tokenAsync);
  }

  /**
   * A new token after {@code rejected} was refused by the mail server. Refreshes only if
   * {@code rejected} is still the current token, so a burst of rejections causes one refresh.
   */
  public AccessToken renew(String account, AccessToken rejected) throws MailtokenException {
    Objects.requireNonNull(rejected, "rejected");
    return slotFor(account).renew(rejected);
  }

  /** {@link #renew(String, AccessToken)} without blocking. */
  public CompletableFuture<AccessToken> renewAsync(String account, AccessToken rejected) {
    Objects.requireNonNull(rejected, "rejected");
    AccountSlot slot = slots.get(Objects.requireNonNull(account, "account"));
    if (slot != null) {
      return slot.renewAsync(rejected);
    }
    return loadAsync(account).thenCompose(s -> s.renewAsync(rejected));
  }

  /**
   * A {@link TokenSource} for one account. Its {@code token(true)} renews the token it returned
   * last; callers that know the exact rejected token should use {@link #renew} instead.
   */
  public TokenSource source(String account) {
    Objects.requireNonNull(account, "account");
    return new ManagedTokenSource(this, account);
  }

  /** The account's state, empty when it is not registered. */
  public Optional<AccountStatus> status(String account) {
    AccountSlot slot = slots.get(Objects.requireNonNull(account, "account"));
    return slot == null ? Optional.empty() : Optional.of(slot.snapshot.status(account));
  }

  /** The registered accounts' addresses. */
  public Set<String> accounts() {
    return Set.copyOf(slots.keySet());
  }

  /** Stops background refresh and shuts down the threads this manager created. Idempotent. */
  @Override
  public void close() {
    closed = true;
    slots.values().forEach(AccountSlot::retire);
    owned.forEach(ExecutorService::shutdown);
  }

  private AccountSlot slotFor(String account) throws MailtokenException {
    AccountSlot slot = slots.get(Objects.requireNonNull(account, "account"));
    if (slot != null) {
      return slot;
    }
    ensureOpen();
    Optional<Account> loaded = loader.load(account);
    if (loaded.isEmpty()) {
      throw new UnknownAccountException(account);
    }
    if (!loaded.get().address().equals(account)) {
      throw new IllegalStateException("account loader returned " + loaded.get().address() + " for " + account);
    }
    AccountSlot fresh = new AccountSlot(loaded.get(), config);
    AccountSlot raced = slots.putIfAbsent(account, fresh);
    return raced != null ? raced : fresh;
  }

  private CompletableFuture<AccountSlot> loadAsync(String account) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return slotFor(account);
      } catch (MailtokenException e) {
        throw new CompletionException(e);
      }
    }, config.executor());
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this TokenManager is closed");
    }
  }

  /**
   * Configures a {@link TokenManager}. Every option has a default; {@link #oauthClient} is
   * needed only for refresh-token and service-account grants.
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration refreshMargin = Duration.ofMinutes(5);
    private Duration expiryMargin = Duration.ofSeconds(30);
    private Duration refreshJitter = Duration.ofSeconds(30);
    private TokenEndpoint endpoint;
    private Scheduler scheduler;
    private Executor executor;
    private Executor listenerExecutor;
    private final List<TokenListener> listeners = new ArrayList<>();
    private RefreshTokenStore store = RefreshTokenStore.NONE;
    private BackoffPolicy backoff = BackoffPolicy.defaults();
    private AccountLoader loader = AccountLoader.NONE;

    private Builder() { }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long before expiry a token is refreshed in the background; default 5 minutes. */
    public Builder refreshMargin(Duration margin) {
      this.refreshMargin = nonNegative(margin, "refreshMargin");
      return this;
    }

    /** How long before expiry callers stop getting a token and wait for a new one; default 30 s. */
    public Builder expiryMargin(Duration margin) {
      this.expiryMargin = nonNegative(margin, "expiryMargin");
      return this;
    }

    /** Up to how much earlier than the refresh margin a background refresh runs; default 30 s. */
    public Builder refreshJitter(Duration jitter) {
      this.refreshJitter = nonNegative(jitter, "refreshJitter");
      return this;
    }

    public Builder oauthClient(OAuthClient client) {
      this.endpoint = TokenEndpoint.of(Objects.requireNonNull(client, "client"));
      return this;
    }

    /** Tests put a recording fake of the token endpoint here. */
    Builder tokenEndpoint(TokenEndpoint endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /** Runs background refreshes and retries; default: one daemon thread, stopped by close(). */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Runs asynchronous and background refreshes; default: daemon threads stopped by close(). */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Delivers events; default: one daemon thread (in order), stopped by close(). */
    public Builder listenerExecutor(Executor executor) {
      this.listenerExecutor = Objects.requireNonNull(executor, "listenerExecutor");
      return this;
    }

    public Builder listener(TokenListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Saves rotated refresh tokens before their access token is used; default: memory only. */
    public Builder refreshTokenStore(RefreshTokenStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    public Builder backoff(BackoffPolicy backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** Finds accounts that were not registered; default: none. */
    public Builder accountLoader(AccountLoader loader) {
      this.loader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /** @throws IllegalStateException when the expiry margin exceeds the refresh margin */
    public TokenManager build() {
      if (expiryMargin.compareTo(refreshMargin) > 0) {
        throw new IllegalStateException("expiryMargin (" + expiryMargin + ") must not exceed refreshMargin ("
            + refreshMargin + "): callers would wait before the background refresh is due");
      }
      List<ExecutorService> owned = new ArrayList<>();
      Scheduler s = scheduler;
      if (s == null) {
        var ses = Executors.newSingleThreadScheduledExecutor(daemon("mailtoken-token-scheduler"));
        owned.add(ses);
        s = Scheduler.of(ses);
      }
      Executor e = executor;
      if (e == null) {
        ExecutorService pool = Executors.newCachedThreadPool(daemon("mailtoken-token-refresh"));
        owned.add(pool);
        e = pool;
      }
      Executor le = listenerExecutor;
      if (le == null) {
        ExecutorService single = Executors.newSingleThreadExecutor(daemon("mailtoken-token-events"));
        owned.add(single);
        le = single;
      }
      ManagerConfig config = new ManagerConfig(clock, refreshMargin, expiryMargin, refreshJitter,
          new GrantExchange(endpoint == null ? TokenEndpoint.NONE : endpoint), s, e,
          new EventDispatcher(listeners, le), store, backoff);
      return new TokenManager(this, config, owned);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      return d;
    }

    private static ThreadFactory daemon(String prefix) {
      AtomicInteger n = new AtomicInteger();
      return r -> {
        Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
    }
  }
}
