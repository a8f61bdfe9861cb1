package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TokenManager}'s registered accounts by address: registering (replacing, or only when
 * absent), finding the slot of an (account, scope set), loading unknown accounts through the
 * {@link AccountLoader}, removing. A replaced or removed account's slots are retired; once closed,
 * it loads nothing and the manager registers nothing. Thread-safe; the loader is called outside
 * any lock.
 */
final class AccountTable {
  private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);

  private final ConcurrentHashMap<String, AccountTokens> accounts = new ConcurrentHashMap<>();
  private final ManagerConfig config;
  private final boolean canCallTokenEndpoint;
  private final AccountLoader loader;
  private volatile boolean closed;

  AccountTable(ManagerConfig config, boolean canCallTokenEndpoint, AccountLoader loader) {
    this.config = config;
    this.canCallTokenEndpoint = canCallTokenEndpoint;
    this.loader = loader;
  }

  /** The registered account, or null: no loading, no lock. */
  AccountTokens get(String account) {
    return accounts.get(account);
  }

  /** The account's tokens, unseeded; not yet registered. */
  AccountTokens fresh(Account account) {
    Objects.requireNonNull(account, "account");
    checkEndpoint(account);
    return new AccountTokens(account, config);
  }

  /** The account's tokens serving {@code current} as its own token; not yet registered. */
  AccountTokens seeded(Account account, AccessToken current) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(current, "current");
    if (account.grant() instanceof FixedTokenGrant) {
      throw new IllegalArgumentException("account " + account.address() + " has a FixedTokenGrant, which"
          + " carries its own token: register(account) without a current token");
    }
    AccountTokens tokens = fresh(account);
    if (!tokens.own.seed(current)) {
      LOG.debug("current token ignored, it expires within the expiry margin account={} token=sha256:{}"
          + " expiresAt={}", account.address(), current.value().fingerprint(),
          current.expiresAt().map(Object::toString).orElse("unknown"));
    }
    return tokens;
  }

  private void checkEndpoint(Account account) {
    Grant grant = account.grant();
    if ((grant instanceof RefreshTokenGrant || grant instanceof ServiceAccountGrant) && !canCallTokenEndpoint) {
      throw new IllegalStateException("account " + account.address() + " has a "
          + grant.getClass().getSimpleName() + ", which needs TokenManager.builder().oauthClient(...)");
    }
  }

  /**
   * Registers {@code tokens}, replacing (and retiring) an account with its address, or with
   * {@code replace} false only when there is none.
   *
   * @return false when {@code replace} is false and the address was taken (nothing changed)
   */
  boolean install(AccountTokens tokens, boolean replace) {
    AccountTokens previous = replace ? accounts.put(tokens.account, tokens) : accounts.putIfAbsent(tokens.account, tokens);
    if (previous != null && !replace) {
      tokens.retire();
      return false;
    }
    if (previous != null) {
      previous.retire();
    }
    LOG.debug("account registered account={} replaced={}", tokens.account, previous != null);
    return true;
  }

  /** The registered account, else the loader's (registered now; a concurrent registration wins). */
  AccountTokens getOrLoad(String account) throws MailtokenException {
    AccountTokens tokens = accounts.get(Objects.requireNonNull(account, "account"));
    if (tokens != null) {
      return tokens;
    }
    Optional<Account> loaded = loader.load(account);
    if (loaded.isEmpty()) {
      throw new UnknownAccountException(account);
    }
    if (!loaded.get().address().equals(account)) {
      throw new IllegalStateException("account loader returned " + loaded.get().address() + " for " + account);
    }
    AccountTokens fresh = new AccountTokens(loaded.get(), config);
    AccountTokens raced = accounts.putIfAbsent(account, fresh);
    return raced != null ? raced : fresh;
  }

  boolean remove(String address) {
    AccountTokens previous = accounts.remove(address);
    if (previous != null) {
      previous.retire();
    }
    return previous != null;
  }

  Set<String> addresses() {
    return Set.copyOf(accounts.keySet());
  }

  /**
   * The slot of {@code account}'s scope set {@code key}, loading an unknown account.
   *
   * @throws IllegalStateException when the account must be loaded and the table is closed
   */
  AccountSlot slot(String account, List<String> key) throws MailtokenException {
    AccountTokens tokens = accounts.get(Objects.requireNonNull(account, "account"));
    if (tokens == null) {
      ensureOpen();
      tokens = getOrLoad(account);
    }
    return tokens.slot(key);
  }

  /** {@link #slot} without blocking: a registered account's at once, else loaded on the manager's executor. */
  CompletableFuture<AccountSlot> slotAsync(String account, List<String> key) {
    AccountTokens tokens = accounts.get(Objects.requireNonNull(account, "account"));
    if (tokens != null) {
      return CompletableFuture.completedFuture(tokens.slot(key));
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        return slot(account, key);
      } catch (MailtokenException e) {
        throw new CompletionException(e);
      }
    }, config.executor());
  }

  /** @throws IllegalStateException once {@link #close} was called */
  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this TokenManager is closed");
    }
  }

  /** From now on nothing is loaded (nor, through {@link #ensureOpen}, registered); every account's slots are retired. */
  void close() {
    closed = true;
    accounts.values().forEach(AccountTokens::retire);
  }
}
