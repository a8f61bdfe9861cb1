package dev.mailtoken.token;

import dev.mailtoken.internal.DaemonThreads;
import dev.mailtoken.oauth.OAuthClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds a {@link TokenManager}. Every option has a default and may be set once (a second call
 * fails naming the option); {@link #listener} may be called several times, adding listeners that
 * get each event in the order they were added. {@link #oauthClient} is needed only for
 * refresh-token and service-account grants. Defaults: {@code Clock.systemUTC()}, refresh margin
 * 5 min, expiry margin 30 s, refresh jitter 30 s, {@link BackoffPolicy#defaults()}, no refresh
 * token store, no account loader, and daemon threads for scheduling, refreshing and events that
 * the manager's {@code close()} stops. Not thread-safe; the built manager is.
 */
public final class TokenManagerBuilder {
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
  private final Set<String> set = new HashSet<>();

  TokenManagerBuilder() {
  }

  private void once(String option) {
    if (!set.add(option)) {
      throw new IllegalStateException(option + " was already set on this TokenManager builder");
    }
  }

  /** The clock for expiry decisions and refresh schedules. */
  public TokenManagerBuilder clock(Clock clock) {
    once("clock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** How long before expiry a token is refreshed in the background; default 5 minutes. */
  public TokenManagerBuilder refreshMargin(Duration margin) {
    once("refreshMargin");
    this.refreshMargin = nonNegative(margin, "refreshMargin");
    return this;
  }

  /** How long before expiry callers stop getting a token and wait for a new one; default 30 s. */
  public TokenManagerBuilder expiryMargin(Duration margin) {
    once("expiryMargin");
    this.expiryMargin = nonNegative(margin, "expiryMargin");
    return this;
  }

  /** Up to how much earlier than the refresh margin a background refresh runs; default 30 s. */
  public TokenManagerBuilder refreshJitter(Duration jitter) {
    once("refreshJitter");
    this.refreshJitter = nonNegative(jitter, "refreshJitter");
    return this;
  }

  /** The client that calls the provider's token endpoint (refresh and service-account grants). */
  public TokenManagerBuilder oauthClient(OAuthClient client) {
    once("oauthClient");
    this.endpoint = TokenEndpoint.of(Objects.requireNonNull(client, "client"));
    return this;
  }

  /** Tests put a recording fake of the token endpoint here, instead of an {@link #oauthClient}. */
  TokenManagerBuilder tokenEndpoint(TokenEndpoint endpoint) {
    once("tokenEndpoint");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    return this;
  }

  /** Runs background refreshes and retries; default: one daemon thread, stopped by close(). */
  public TokenManagerBuilder scheduler(Scheduler scheduler) {
    once("scheduler");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /** Runs asynchronous and background refreshes; default: daemon threads stopped by close(). */
  public TokenManagerBuilder executor(Executor executor) {
    once("executor");
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /** Delivers events; default: one daemon thread (in order), stopped by close(). */
  public TokenManagerBuilder listenerExecutor(Executor executor) {
    once("listenerExecutor");
    this.listenerExecutor = Objects.requireNonNull(executor, "listenerExecutor");
    return this;
  }

  /** Adds a listener; may be called several times (each listener gets every event, in order added). */
  public TokenManagerBuilder listener(TokenListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Saves rotated refresh tokens before their access token is used; default: memory only. */
  public TokenManagerBuilder refreshTokenStore(RefreshTokenStore store) {
    once("refreshTokenStore");
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /** How failed background refreshes are retried; default {@link BackoffPolicy#defaults()}. */
  public TokenManagerBuilder backoff(BackoffPolicy backoff) {
    once("backoff");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    return this;
  }

  /** Finds accounts that were not registered; default: none. */
  public TokenManagerBuilder accountLoader(AccountLoader loader) {
    once("accountLoader");
    this.loader = Objects.requireNonNull(loader, "loader");
    return this;
  }

  /**
   * @throws IllegalStateException when the expiry margin exceeds the refresh margin, or both an
   *     OAuth client and a token endpoint were set
   */
  public TokenManager build() {
    if (expiryMargin.compareTo(refreshMargin) > 0) {
      throw new IllegalStateException("expiryMargin (" + expiryMargin + ") must not exceed refreshMargin ("
          + refreshMargin + "): callers would wait before the background refresh is due");
    }
    if (set.contains("oauthClient") && set.contains("tokenEndpoint")) {
      throw new IllegalStateException("oauthClient and tokenEndpoint both name the token endpoint: set one");
    }
    List<ExecutorService> owned = new ArrayList<>();
    Scheduler s = scheduler;
    if (s == null) {
      var ses = Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("mailtoken-token-scheduler"));
      owned.add(ses);
      s = Scheduler.of(ses);
    }
    Executor e = executor;
    if (e == null) {
      ExecutorService pool = Executors.newCachedThreadPool(DaemonThreads.numbered("mailtoken-token-refresh"));
      owned.add(pool);
      e = pool;
    }
    Executor le = listenerExecutor;
    if (le == null) {
      ExecutorService single = Executors.newSingleThreadExecutor(DaemonThreads.numbered("mailtoken-token-events"));
      owned.add(single);
      le = single;
    }
    ManagerConfig config = new ManagerConfig(clock, refreshMargin, expiryMargin, refreshJitter,
        new GrantExchange(endpoint == null ? TokenEndpoint.NONE : endpoint), s, e,
        new EventDispatcher(listeners, le), store, backoff);
    return new TokenManager(config, endpoint != null, loader, owned);
  }

  private static Duration nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
    return d;
  }

}
