package dev.mailtoken.server.apitoken;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * API tokens this node read from the database in the last {@link #TTL}, by the SHA-256 of their
 * value, so a client calling many times a second costs one indexed read a second, not one per
 * request. Holds the stored row (scopes, binding, expiry, revocation), never the value; the caller
 * still checks expiry and revocation against its clock on every request. Only tokens found are
 * kept (an unknown token is looked up every time), at most {@link #MAX} of them. Revoking through
 * this node drops the entry at once; a revocation made by another node or the CLI is seen here
 * within {@link #TTL}. Time is a monotonic nanosecond ticker. Thread-safe.
 */
final class RecentTokens {
  /** How long a row read from the database answers for it. */
  static final Duration TTL = Duration.ofSeconds(1);
  /** Beyond this many tokens, the cache starts over (tokens are few; this only bounds a flood). */
  static final int MAX = 10_000;

  private record Entry(ApiToken token, long readAtNanos) { }

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final LongSupplier ticker;

  RecentTokens(LongSupplier ticker) {
    this.ticker = ticker;
  }

  /** The row read for {@code hash} less than {@link #TTL} ago, or empty. */
  Optional<ApiToken> get(String hash) {
    Entry e = entries.get(hash);
    if (e == null) {
      return Optional.empty();
    }
    if (ticker.getAsLong() - e.readAtNanos() >= TTL.toNanos()) {
      entries.remove(hash, e);
      return Optional.empty();
    }
    return Optional.of(e.token());
  }

  /** Remembers {@code token}, just read from the database (or written there) for {@code hash}. */
  void put(String hash, ApiToken token) {
    if (entries.size() >= MAX) {
      entries.clear();
    }
    entries.put(hash, new Entry(token, ticker.getAsLong()));
  }

  /** Replaces the row kept for {@code hash} by {@code token} (its last use written), without extending its time. */
  void touched(String hash, ApiToken token) {
    entries.computeIfPresent(hash, (k, e) -> new Entry(token, e.readAtNanos()));
  }

  /** Forgets the token with this id (revoked through this node). */
  void forget(String id) {
    entries.values().removeIf(e -> e.token().id().equals(id));
  }
}
