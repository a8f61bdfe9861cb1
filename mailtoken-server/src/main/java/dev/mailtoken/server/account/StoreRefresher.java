package dev.mailtoken.server.account;

import dev.mailtoken.Secret;
import dev.mailtoken.TransientException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.TokenCallback;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's token callback: every new token comes from the store's {@code freshToken}, which
 * refreshes under the cross-process lock (PostgreSQL row lock, SQLite write lock) unless another
 * node already stored a newer token, so nodes sharing a database make one refresh per account
 * per expiry. Remembers per account the token the manager holds, and always asks for one that
 * differs from it. Each call first takes a slot from the provider's {@link ProviderRateLimiter}
 * (waiting for it on the refresh thread) and a provider's {@code Retry-After} pauses the whole
 * provider. Thread-safe; the manager calls it once at a time per account.
 */
final class StoreRefresher implements TokenCallback {
  private static final Logger LOG = LoggerFactory.getLogger(StoreRefresher.class);

  /** Waits on the refresh thread; real time in production. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final CredentialStore store;
  private final OAuthClient client;
  private final ProviderRateLimiter limiter;
  private final Sleeper sleeper;
  private final Map<String, Secret> held = new ConcurrentHashMap<>();
  private final Map<String, String> providers = new ConcurrentHashMap<>();

  StoreRefresher(CredentialStore store, OAuthClient client, ProviderRateLimiter limiter, Sleeper sleeper) {
    this.store = store;
    this.client = client;
    this.limiter = limiter;
    this.sleeper = sleeper;
  }

  /** Before registering {@code account}: its provider key and the token the manager will start with. */
  void prepare(String account, String provider, Optional<AccessToken> seeded) {
    providers.put(account, provider);
    if (seeded.isPresent()) {
      held.put(account, seeded.get().value());
    } else {
      held.remove(account);
    }
  }

  void forget(String account) {
    held.remove(account);
    providers.remove(account);
  }

  @Override
  public AccessToken token(String account, boolean renew) throws Exception {
    String provider = providers.getOrDefault(account, "unknown");
    Duration wait = limiter.reserve(provider);
    if (!wait.isZero()) {
      LOG.debug("refresh of {} waits {} ms for its provider's rate limit", account, wait.toMillis());
      sleeper.sleep(wait);
    }
    Secret previous = held.get(account);
    AccessToken token;
    try {
      token = previous != null
          ? store.freshToken(account, new AccessToken(previous, Optional.empty(), Set.of()), client)
          : store.freshToken(account, renew, client);
    } catch (TransientException e) {
      e.retryAfter().ifPresent(r -> limiter.pause(provider, r));
      throw e;
    }
    held.put(account, token.value());
    return token;
  }
}
