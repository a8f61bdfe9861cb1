package dev.mailtoken.server.account;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.TransientException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.store.AccountSecrets;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.TokenCallback;
import dev.mailtoken.token.TokenEvent;
import dev.mailtoken.token.TokenListener;
import java.time.Clock;
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
 * provider. A refresh token the store rotated meanwhile is reported as a {@code Rotated} event.
 * The manager's accounts use one callback per provider ({@link #callbackFor}), so the provider
 * costs nothing per account. Thread-safe; the manager calls it once at a time per account.
 */
final class StoreRefresher {
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
  private final Clock clock;
  private final TokenListener rotations;
  private final Map<String, Secret> held = new ConcurrentHashMap<>();
  private final ScopeSets scopeSets = new ScopeSets();
  // The stored refresh token's fingerprint as of this node's last refresh of the account.
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

  /**
   * @param rotations told (on the refresh thread) when the stored refresh token changed across a
   *     refresh: the store rotates inside {@code freshToken}, so the manager never sees it
   */
  StoreRefresher(CredentialStore store, OAuthClient client, ProviderRateLimiter limiter, Sleeper sleeper,
      Clock clock, TokenListener rotations) {
    this.store = store;
    this.client = client;
    this.limiter = limiter;
    this.sleeper = sleeper;
    this.clock = clock;
    this.rotations = rotations;
  }

  /** The callback for the accounts of {@code provider} (a token endpoint: the rate limiter's key). */
  TokenCallback callbackFor(String provider) {
    return (account, renew) -> token(account, renew, provider);
  }

  /**
   * Before registering {@code account}: the token the manager will start with. @return that
   * token with its scope set shared with the other accounts' (see {@link ScopeSets})
   */
  Optional<AccessToken> prepare(String account, Optional<AccessToken> seeded) {
    if (seeded.isPresent()) {
      held.put(account, seeded.get().value());
    } else {
      held.remove(account);
    }
    return seeded.map(scopeSets::share);
  }

  void forget(String account) {
    held.remove(account);
    refreshTokens.remove(account);
  }

  private AccessToken token(String account, boolean renew, String provider) throws Exception {
    Duration wait = limiter.reserve(provider);
    if (!wait.isZero()) {
      LOG.debug("refresh of {} waits {} ms for its provider's rate limit", account, wait.toMillis());
      sleeper.sleep(wait);
    }
    Secret previous = held.get(account);
    Optional<String> before = Optional.ofNullable(refreshTokens.get(account)).or(() -> refreshTokenOf(account));
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
    noticeRotation(account, before);
    return scopeSets.share(token);
  }

  /**
   * Tells {@code rotations} when the stored refresh token differs from {@code before}: rotated by
   * this refresh or by another node's since this node's last one (the recorder keeps one event
   * per fingerprint, so a rotation two nodes notice is recorded once).
   */
  private void noticeRotation(String account, Optional<String> before) {
    Optional<String> after = refreshTokenOf(account);
    after.ifPresent(f -> refreshTokens.put(account, f));
    if (before.isPresent() && after.isPresent() && !before.equals(after)) {
      try {
        rotations.onEvent(new TokenEvent.Rotated(account, clock.instant(), after.get()));
      } catch (RuntimeException e) {
        LOG.warn("rotation listener failed for {}: {}", account, e.toString());
      }
    }
  }

  private Optional<String> refreshTokenOf(String account) {
    try {
      return store.secrets(account).flatMap(AccountSecrets::refreshToken).map(Secret::fingerprint);
    } catch (MailtokenException | RuntimeException e) {
      LOG.debug("could not read the refresh token's fingerprint of {}: {}", account, e.getMessage());
      return Optional.empty();
    }
  }
}
