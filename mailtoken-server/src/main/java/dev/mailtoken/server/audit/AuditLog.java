package dev.mailtoken.server.audit;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.server.web.Endpoints;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who did what, in the database ({@code audit_log}), readable through {@code GET /v1/audit}
 * (scope {@code admin}). Records API tokens created, used and revoked, accounts connected,
 * reconnected, revoked and removed, and every access-token hand-out (account, API token id,
 * time): never a secret.
 *
 * <p>{@link #record} writes at once, in its own transaction. Thread-safe.
 */
public final class AuditLog {
  /** The largest page {@link #newest} returns. */
  public static final int MAX_PAGE = 1000;

  private final AuditRepository repository;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public AuditLog(ServerDatabase db, Clock clock) {
    this.repository = new AuditRepository(Objects.requireNonNull(db, "db"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Appends an entry stamped now.
   *
   * @throws MailtokenException when the database cannot be written
   */
  public AuditEntry record(String actor, String action, String subject, String detail) throws MailtokenException {
    AuditEntry entry = new AuditEntry(newId(), clock.instant(), actor, action, subject, detail);
    repository.insert(List.of(entry));
    return entry;
  }

  /** The newest {@code limit} entries (at most {@link #MAX_PAGE}), for one subject or all. */
  public List<AuditEntry> newest(int limit, Optional<String> subject) throws MailtokenException {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", was " + limit);
    }
    return repository.newest(limit, subject.orElse(null));
  }

  /** {@code GET /v1/audit}. */
  public Endpoints endpoints() {
    return new AuditEndpoints(this);
  }

  private String newId() {
    byte[] b = new byte[8];
    synchronized (random) {
      random.nextBytes(b);
    }
    return HexFormat.of().formatHex(b);
  }
}
