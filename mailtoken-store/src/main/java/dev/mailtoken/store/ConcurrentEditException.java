package dev.mailtoken.store;

import dev.mailtoken.MailtokenException;

/**
 * An update named a version the account no longer has: someone (another process refreshing
 * the token, or another admin) changed it since it was read. Nothing was written; read the
 * account again and retry the edit.
 */
public class ConcurrentEditException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  private final long expectedVersion;
  private final long actualVersion;

  public ConcurrentEditException(String account, long expectedVersion, long actualVersion) {
    super("Account " + account + " changed while it was being edited (expected version " + expectedVersion
        + ", found " + actualVersion + "); nothing was written. Read it again and repeat the edit.",
        account, null, null);
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  public long actualVersion() {
    return actualVersion;
  }
}
