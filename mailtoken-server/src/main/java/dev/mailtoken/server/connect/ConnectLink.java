package dev.mailtoken.server.connect;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A connect link as stored, without its secret (only the secret's SHA-256 is kept; the URL is
 * returned once, at creation). Immutable; safe to print and serialize.
 *
 * @param id the link's public id
 * @param app the app it connects with; absent: the person picks one
 * @param expectedMailbox the mailbox that must consent, when one was named
 * @param returnUrl where the browser goes after success
 * @param createdBy who created it (an API token id, {@code session:<id>})
 * @param openedAt when a browser first opened it (from then on only that browser may use it)
 * @param completedAt when a mailbox was connected through it (it cannot be used again)
 * @param account the mailbox connected through it
 * @param status what the link is at the time it was read
 */
public record ConnectLink(String id, Optional<String> app, Optional<String> expectedMailbox,
    Optional<String> returnUrl, Instant createdAt, String createdBy, Instant expiresAt, Optional<Instant> openedAt,
    Optional<Instant> completedAt, Optional<String> account, Status status) {

  /** Where a link stands. */
  public enum Status {
    /** Not opened yet. */
    PENDING,
    /** Opened in a browser; no mailbox connected yet. */
    OPENED,
    /** A mailbox was connected through it. */
    CONNECTED,
    /** Its time ran out before a mailbox was connected. */
    EXPIRED
  }

  public ConnectLink {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(expectedMailbox, "expectedMailbox");
    Objects.requireNonNull(returnUrl, "returnUrl");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(completedAt, "completedAt");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(status, "status");
  }

  /** The status at {@code now}, from the stored times. */
  static Status statusAt(Instant now, Instant expiresAt, Optional<Instant> openedAt, Optional<Instant> completedAt) {
    if (completedAt.isPresent()) {
      return Status.CONNECTED;
    }
    if (!now.isBefore(expiresAt)) {
      return Status.EXPIRED;
    }
    return openedAt.isPresent() ? Status.OPENED : Status.PENDING;
  }
}
