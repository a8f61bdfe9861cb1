package dev.mailtoken.server.audit;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.internal.DaemonThreads;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.server.web.Endpoints;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who did what, in the database ({@code audit_log}), readable through {@code GET /v1/audit}
 * (scope {@code admin}). Records API tokens created, used and revoked, accounts connected,
 * reconnected, revoked and removed, and every access-token hand-out (account, API token id,
 * time): never a secret.
 *
 * <p>{@link #record} writes at once, in its own transaction. {@link #recordSoon} queues the entry
 * and a background thread writes the queue every 200 ms in one transaction, so a hot path (a
 * token hand-out) never waits for the database's write lock; {@link #close} writes what is queued.
 * Thread-safe.
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final long FLUSH_MILLIS = 200;

  /** The largest page {@link #newest} returns. */
  public static final int MAX_PAGE = 1000;

  private final AuditRepository repository;
  private final Clock clock;
  private final ConcurrentLinkedQueue<AuditEntry> queue = new ConcurrentLinkedQueue<>();
  private ScheduledExecutorService flusher; // guarded by this
  private boolean closed; // guarded by this

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

  /** Queues an entry stamped now; written within about 200 ms (or by {@link #close}). Never blocks. */
  public void recordSoon(String actor, String action, String subject, String detail) {
    queue.add(new AuditEntry(newId(), clock.instant(), actor, action, subject, detail));
    startFlusher();
  }

  private synchronized void startFlusher() {
    if (flusher != null || closed) {
      return;
    }
    flusher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mailtoken-audit-writer"));
    flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Writes every queued entry now, in one transaction. */
  public void flush() throws MailtokenException {
    List<AuditEntry> batch = new ArrayList<>();
    for (AuditEntry e = queue.poll(); e != null; e = queue.poll()) {
      batch.add(e);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      repository.insert(batch);
    } catch (MailtokenException e) {
      queue.addAll(batch);   // kept for the next attempt
      throw e;
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (MailtokenException | RuntimeException e) {
      LOG.warn("could not write {} audit entries yet, will retry: {}", queue.size(), e.getMessage());
    }
  }

  /** Stops the background writer and writes what is queued. Idempotent. */
  @Override
  public void close() {
    ScheduledExecutorService f;
    synchronized (this) {
      closed = true;
      f = flusher;
      flusher = null;
    }
    if (f != null) {
      f.shutdown();
      try {
        f.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flushQuietly();
  }

  /** The newest {@code limit} entries (at most {@link #MAX_PAGE}), for one subject or all. */
  public List<AuditEntry> newest(int limit, Optional<String> subject) throws MailtokenException {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", was " + limit);
    }
    flush();
    return repository.newest(limit, subject.orElse(null));
  }

  /** {@code GET /v1/audit}. */
  public Endpoints endpoints() {
    return new AuditEndpoints(this);
  }

  /**
   * 16 random hex digits. An entry id only has to be unique, not unguessable: a shared
   * {@code SecureRandom} here serialised every token hand-out on one lock and a read of
   * {@code /dev/urandom} (about a sixth of the hand-out's samples when profiling bench/server.sh).
   */
  private static String newId() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }
}
