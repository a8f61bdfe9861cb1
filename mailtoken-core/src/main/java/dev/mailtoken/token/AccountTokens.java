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
  // Made on the first other scope set: most accounts never ask for one, and an empty map is 64 bytes.
  private volatile ConcurrentHashMap<List<String>, AccountSlot> scoped;
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
    ConcurrentHashMap<List<String>, AccountSlot> slots = scopedSlots();
    AccountSlot slot = slots.get(key);
    if (slot != null) {
      return slot;
    }
    AccountSlot made = slots.computeIfAbsent(key, k -> new AccountSlot(account, k, lane, config));
    if (retired) {
      made.retire();   // raced with retire(): it must not schedule background work
    }
    return made;
  }

  /** Stops every slot's background work; refreshes in flight still complete for their waiters. */
  void retire() {
    retired = true;
    own.retire();
    ConcurrentHashMap<List<String>, AccountSlot> slots = scoped;
    if (slots != null) {
      slots.values().forEach(AccountSlot::retire);
    }
  }

  private ConcurrentHashMap<List<String>, AccountSlot> scopedSlots() {
    ConcurrentHashMap<List<String>, AccountSlot> slots = scoped;
    if (slots == null) {
      synchronized (this) {
        slots = scoped;
        if (slots == null) {
          slots = new ConcurrentHashMap<>();
          scoped = slots;
        }
      }
    }
    return slots;
  }
}
