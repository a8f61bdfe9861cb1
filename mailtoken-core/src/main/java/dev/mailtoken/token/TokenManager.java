package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
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

  TokenManager(ManagerConfig config, boolean canCallTokenEndpoint, AccountLoader loader, List<ExecutorService> owned) {
    this.config = config;
    this.clock = config.clock();
    this.canCallTokenEndpoint = canCallTokenEndpoint;
    this.loader = loader;
    this.owned = List.copyOf(owned);
  }

  /** A builder; every option has a default, so {@code TokenManager.builder().build()} works. */
  public static TokenManagerBuilder builder() {
    return new TokenManagerBuilder();
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
}
