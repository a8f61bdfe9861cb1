package dev.mailtoken.token;

/**
 * Why an {@link AccountSlot} wants a refresh; decides whether it is still needed once the slot's
 * lock is held (another flight may have replaced the token meanwhile).
 */
enum RefreshTrigger {
  /** A caller found no usable token and waits. */
  WAIT,
  /** A caller's token was rejected by a server. */
  RENEW,
  /** A caller was served a token inside the refresh margin; the refresh runs in the background. */
  STALE,
  /** The proactive or retry refresh the slot scheduled. */
  SCHEDULED;

  /** Whether a refresh is still wanted given the committed snapshot {@code s} at {@code now} (epoch millis). */
  boolean needed(Snapshot s, long now, AccessToken rejected) {
    switch (this) {
      case WAIT:
        return !s.usableAt(now);
      case RENEW:
        return !s.usableAt(now) || s.token().value().equals(rejected.value());
      case STALE:
        return now >= s.freshUntil() && now >= s.nextRetryMillis();
      default:
        return true;
    }
  }

  /** Whether nobody waits for it: a retired slot starts no such refresh. */
  boolean background() {
    return this == STALE || this == SCHEDULED;
  }
}
