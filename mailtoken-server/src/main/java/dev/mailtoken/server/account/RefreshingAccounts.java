package dev.mailtoken.server.account;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.internal.DaemonThreads;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.StoredAccount;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.AccountHealth;
import dev.mailtoken.token.CallbackGrant;
import dev.mailtoken.token.Scheduler;
import dev.mailtoken.token.TokenListener;
import dev.mailtoken.token.TokenManager;
import dev.mailtoken.token.TokenManagerBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's {@link TokenManager} over the store's healthy accounts and what it runs on: the
 * refresh pool, the scheduler (its own daemon {@link TimerScheduler} unless one is given) and the
 * {@link StoreRefresher} every refresh goes through (one per account per expiry across nodes, rate
 * limited per provider). Accounts are registered with their stored token, so nothing is fetched at
 * start; one that needs reauthorization is forgotten. Logs under {@link Accounts}' logger.
 * Thread-safe.
 */
final class RefreshingAccounts {
  private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

  private final CredentialStore store;
  private final StoreRefresher refresher;
  private final TokenManager manager;
  private final ExecutorService refreshPool;
  private final Optional<TimerScheduler> ownScheduler;
  private final Map<String, CallbackGrant> grants = new ConcurrentHashMap<>();

  /** See {@link Accounts#Accounts} for {@code scheduler} and {@code tokenListeners}. */
  RefreshingAccounts(CredentialStore store, OAuthClient client, RefreshSettings settings, Clock clock,
      Optional<Scheduler> scheduler, EventRecorder recorder, List<TokenListener> tokenListeners) {
    this.store = store;
    List<TokenListener> rotationListeners = new ArrayList<>(tokenListeners);
    rotationListeners.add(recorder);
    this.refresher = new StoreRefresher(store, client, new ProviderRateLimiter(settings.perSecond(), System::nanoTime),
        d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000)), clock,
        event -> rotationListeners.forEach(l -> l.onEvent(event)));
    this.refreshPool = Executors.newFixedThreadPool(settings.threads(), DaemonThreads.numbered("mailtoken-server-refresh"));
    TokenManagerBuilder b = TokenManager.builder().clock(clock).refreshMargin(settings.margin())
        .refreshJitter(settings.jitter()).executor(refreshPool).listener(recorder)
        .accountLoader(address -> {
          Optional<StoredAccount> a = store.account(address);
          return a.isEmpty() ? Optional.empty() : Optional.of(new Account(address, grantFor(a.get())));
        });
    tokenListeners.forEach(b::listener);
    this.ownScheduler = scheduler.isPresent() ? Optional.empty()
        : Optional.of(new TimerScheduler(DaemonThreads.numbered("mailtoken-server-scheduler"), System::nanoTime));
    b.scheduler(scheduler.orElseGet(ownScheduler::get));
    this.manager = b.build();
  }

  TokenManager manager() {
    return manager;
  }

  /** Registers every account that can be refreshed. @return how many */
  int start() throws MailtokenException {
    int n = 0;
    for (StoredAccount a : store.accounts()) {
      if (register(a)) {
        n++;
      }
    }
    LOG.info("keeping {} account(s) fresh", n);
    return n;
  }

  /** See {@link Accounts#sync}. */
  int sync() throws MailtokenException {
    Set<String> registered = new HashSet<>(manager.accounts());
    int changed = 0;
    for (StoredAccount a : store.accounts()) {
      boolean known = registered.remove(a.address());
      boolean dead = manager.status(a.address()).map(s -> s.health() == AccountHealth.REAUTHORIZATION_REQUIRED)
          .orElse(false);
      if ((!known || dead && a.health() == AccountHealth.HEALTHY) && register(a)) {
        changed++;
      }
    }
    for (String gone : registered) {
      forget(gone);
      changed++;
    }
    return changed;
  }

  /** (Re)registers {@code a} when it is healthy, else forgets it. @return whether it was registered */
  boolean register(StoredAccount a) throws MailtokenException {
    if (a.health() != AccountHealth.HEALTHY) {
      forget(a.address());
      return false;
    }
    Optional<AccessToken> current = refresher.prepare(a.address(),
        store.cachedAccessToken(a.address(), Duration.ZERO));
    Account account = new Account(a.address(), grantFor(a));
    if (current.isPresent()) {
      manager.register(account, current.get());
    } else {
      manager.register(account);
      manager.tokenAsync(a.address());   // fetch now, so its proactive refresh gets scheduled
    }
    return true;
  }

  /** The grant of {@code a}'s provider (keyed by token endpoint), one shared by all its accounts. */
  private CallbackGrant grantFor(StoredAccount a) throws MailtokenException {
    String provider = store.app(a.appName()).map(app -> app.tokenEndpoint().toString()).orElse(a.appName());
    return grants.computeIfAbsent(provider, p -> new CallbackGrant(refresher.callbackFor(p)));
  }

  /** Stops refreshing {@code address} on this node. */
  void forget(String address) {
    manager.remove(address);
    refresher.forget(address);
  }

  /** See {@link Accounts#stop}. */
  boolean stop(Duration grace) {
    manager.close();
    ownScheduler.ifPresent(TimerScheduler::close);
    refreshPool.shutdown();
    try {
      if (refreshPool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.warn("stopping with refreshes still running after {}; each is rolled back with the store's transaction and"
        + " redone at the next start", grace);
    return false;
  }

}
