package dev.mailtoken.token;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One registered account: its {@link GrantLane} (the grant, requests one at a time) and an
 * {@link AccountSlot} per scope set asked for, the account's own ({@link ScopeKey#DEFAULT}) made
 * at once, the others on first use. Thread-safe; slots are never removed, only retired together.
 */
final class AccountTokens {
  final String account;
  final AccountSlot own;
  private final GrantLane lane;
  private final ManagerConfig config;
  private final ConcurrentHashMap<List<String>, AccountSlot> scoped = new ConcurrentHashMap<>();
  private volatile boolean retired;

  AccountTokens(Account account, ManagerConfig config) {
    this.account = account.address();
    this.config = config;
    this.lane = new GrantLane(account, config);
    this.own = new AccountSlot(this.account, ScopeKey.DEFAULT, lane, config);
  }

  /** The slot of {@code key} (a {@link ScopeKey}), made on first use. */
  AccountSlot slot(List<String> key) {
    if (key.isEmpty()) {
      return own;
    }
    AccountSlot slot = scoped.get(key);
    if (slot != null) {
      return slot;
    }
    AccountSlot made = scoped.computeIfAbsent(key, k -> new AccountSlot(account, k, lane, config));
    if (retired) {
      made.retire();   // raced with retire(): it must not schedule background work
    }
    return made;
  }

  /** Stops every slot's background work; refreshes in flight still complete for their waiters. */
  void retire() {
    retired = true;
    own.retire();
    scoped.values().forEach(AccountSlot::retire);
  }
}
