package dev.mailtoken.store;

import dev.mailtoken.TransientException;
import java.time.Instant;
import java.util.Objects;

/**
 * Another process (or node) has been refreshing the account for longer than this one may wait
 * (the store's lock wait). Nothing was sent; the other refresh goes on and its result will be in
 * the store. Transient: ask again in a moment.
 */
public class RefreshInProgressException extends TransientException {
  private static final long serialVersionUID = 1L;

  private final Instant since;
  private final String owner;

  public RefreshInProgressException(String message, String account, Instant since, String owner) {
    super(message, account, null, null, null);
    this.since = Objects.requireNonNull(since, "since");
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /** When the other refresh was sent. */
  public Instant since() {
    return since;
  }

  /** Which process sent it, e.g. {@code pid 4242 on build-7}. */
  public String owner() {
    return owner;
  }
}
