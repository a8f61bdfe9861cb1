package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registered account's token for one scope set: its committed {@link Snapshot} and at most one
 * refresh in flight. The refresh itself goes through the account's {@link GrantLane}, which runs
 * the account's token requests (of every scope set) one at a time.
 *
 * <p>Only the owner of the in-flight future commits a new snapshot, and it clears the future in
 * the same critical section, so a caller that finds no refresh in flight always sees the latest
 * snapshot. The lock guards only those fields: it is never held during I/O, the store, the
 * scheduler's work or listener calls.
 */
final class AccountSlot {
  private static final Logger LOG = LoggerFactory.getLogger(AccountSlot.class);

  final String account;
  final List<String> scopes;
  private final GrantLane lane;
  private final ManagerConfig config;
  volatile Snapshot snapshot;
  private volatile CompletableFuture<AccessToken> inFlight; // written under this
  private Rejection inFlightReason; // guarded by this: why the flight in progress renews, if it does
  private Scheduler.Cancellable scheduled; // guarded by this
  private long scheduleSeq; // guarded by this
  private boolean retired; // guarded by this
  // When the flight in progress started: written before its request, read when its outcome commits
  // (events report the span); the flight stays in progress until then, so no other flight writes it.
  private volatile Instant flightStart;

  AccountSlot(String account, List<String> scopes, GrantLane lane, ManagerConfig config) {
    this.account = account;
    this.scopes = scopes;
    this.lane = lane;
    this.config = config;
    this.snapshot = Snapshot.initial();
  }

  AccessToken token() throws MailtokenException {
    AccessToken served = servable(snapshot);
    return served != null ? served : await(flight(RefreshTrigger.WAIT, null, null, true));
  }

  CompletableFuture<AccessToken> tokenAsync() {
    try {
      AccessToken served = servable(snapshot);
      return served != null ? CompletableFuture.completedFuture(served)
          : flight(RefreshTrigger.WAIT, null, null, false).copy();
    } catch (MailtokenException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** @param reason what the server said, reported on the renewal's event; may be null */
  AccessToken renew(AccessToken rejected, Rejection reason) throws MailtokenException {
    AccessToken current = renewed(snapshot, rejected);
    return current != null ? current : await(flight(RefreshTrigger.RENEW, rejected, reason, true));
  }

  CompletableFuture<AccessToken> renewAsync(AccessToken rejected, Rejection reason) {
    try {
      AccessToken current = renewed(snapshot, rejected);
      return current != null
          ? CompletableFuture.completedFuture(current)
          : flight(RefreshTrigger.RENEW, rejected, reason, false).copy();
    } catch (MailtokenException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Stops background work; an in-flight refresh still completes for its waiters. */
  void retire() {
    synchronized (this) {
      retired = true;
      scheduleSeq++;
      if (scheduled != null) {
        scheduled.cancel();
        scheduled = null;
      }
    }
  }

  /** The token to serve without waiting, or null when the caller must wait for a refresh. */
  private AccessToken servable(Snapshot s) throws MailtokenException {
    if (s.health() == AccountHealth.REAUTHORIZATION_REQUIRED) {
      throw s.lastError();
    }
    long now = config.clock().millis();
    if (!s.usableAt(now)) {
      return null;
    }
    // Inside the refresh margin: serve the current token, refresh in the background unless backing off.
    if (now >= s.freshUntil() && now >= s.nextRetryMillis() && inFlight == null) {
      flight(RefreshTrigger.STALE, null, null, false);
    }
    return s.token();
  }

  /** The current token when someone already replaced {@code rejected}, else null. */
  private AccessToken renewed(Snapshot s, AccessToken rejected) throws MailtokenException {
    if (s.health() == AccountHealth.REAUTHORIZATION_REQUIRED) {
      throw s.lastError();
    }
    return RefreshTrigger.RENEW.needed(s, config.clock().millis(), rejected) ? null : s.token();
  }

  /** Joins the refresh in flight or starts one (on this thread when {@code runHere}). */
  private CompletableFuture<AccessToken> flight(RefreshTrigger trigger, AccessToken rejected, Rejection reason,
      boolean runHere) {
    CompletableFuture<AccessToken> mine;
    synchronized (this) {
      CompletableFuture<AccessToken> running = inFlight;
      if (running != null) {
        return running;
      }
      Snapshot s = snapshot;
      if (s.health() == AccountHealth.REAUTHORIZATION_REQUIRED) {
        return CompletableFuture.failedFuture(s.lastError());
      }
      if ((trigger.background() && retired) || !trigger.needed(s, config.clock().millis(), rejected)) {
        return CompletableFuture.completedFuture(s.token());
      }
      mine = new CompletableFuture<>();
      inFlight = mine;
      inFlightReason = trigger == RefreshTrigger.RENEW ? reason : null;
    }
    if (runHere) {
      refresh(mine, trigger);
    } else {
      try {
        config.executor().execute(() -> refresh(mine, trigger));
      } catch (RejectedExecutionException e) {
        synchronized (this) {
          inFlight = null;
        }
        mine.completeExceptionally(e);
      }
    }
    return mine;
  }

  private void refresh(CompletableFuture<AccessToken> flight, RefreshTrigger trigger) {
    Snapshot s = snapshot; // only the flight owner commits, so this is the latest
    Instant start = config.clock().instant();
    flightStart = start;
    LOG.debug("token refresh starting account={} scopes={} trigger={} grant={}",
        account, ScopeKey.describe(scopes), trigger, lane.grant().getClass().getSimpleName());
    CompletableFuture<GrantExchange.Outcome> exchange;
    try {
      exchange = lane.exchange(scopes, trigger == RefreshTrigger.RENEW);
    } catch (Throwable t) {
      fail(flight, trigger, s, t);
      return;
    }
    // Seen through to the end even after every caller stopped waiting (await's limit): a late
    // answer may carry the only refresh token the provider still accepts. Until then the flight
    // stays in progress, so nobody sends the old refresh token meanwhile.
    exchange.whenComplete((outcome, failure) -> {
      if (failure != null) {
        fail(flight, trigger, s, failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure);
      } else {
        succeed(flight, outcome.token(), outcome.rotatedRefreshToken().orElse(null));
      }
    });
  }

  /**
   * Serves {@code current} (a token the caller already holds, e.g. from a code exchange) as if this
   * slot had fetched it, and schedules its proactive refresh. Call before the slot is shared.
   *
   * @return false, changing nothing, when {@code current} is already past the expiry margin
   */
  boolean seed(AccessToken current) {
    long nowMs = config.clock().millis();
    Snapshot next = healthy(current, nowMs);
    if (!next.usableAt(nowMs)) {
      return false;
    }
    synchronized (this) {
      snapshot = next;
    }
    scheduleProactive(next, nowMs);
    return true;
  }

  /** Commits {@code token}; a rotated refresh token was already saved by the lane. */
  private void succeed(CompletableFuture<AccessToken> flight, AccessToken token, Secret rotated) {
    Instant now = config.clock().instant();
    long nowMs = now.toEpochMilli();
    Snapshot next = healthy(token, nowMs);
    Rejection reason;
    synchronized (this) {
      snapshot = next;
      inFlight = null;
      reason = inFlightReason;
      inFlightReason = null;
    }
    flight.complete(token);
    scheduleProactive(next, nowMs);
    FlightOutcome.issued(config, account, scopes, now, token, rotated, reason, elapsedUntil(now));
  }

  /**
   * A healthy snapshot serving {@code token}, with its refresh and expiry windows as of {@code nowMs}
   * (a renewable token of unknown lifetime: see {@link Snapshot#healthy}).
   */
  private Snapshot healthy(AccessToken token, long nowMs) {
    return Snapshot.healthy(lane.grant(), token, nowMs, config.refreshMargin(), config.expiryMargin());
  }

  /** Schedules the background refresh of {@code s}'s token at its refresh time minus jitter. */
  private void scheduleProactive(Snapshot s, long nowMs) {
    long fresh = s.freshUntil();
    if (lane.grant().renewable() && fresh != Long.MAX_VALUE && fresh > nowMs) {
      scheduleAt(fresh - config.jitterMillis(Math.min(config.refreshJitter().toMillis(), fresh - nowMs)), nowMs);
    }
  }

  private void fail(CompletableFuture<AccessToken> flight, RefreshTrigger trigger, Snapshot s, Throwable t) {
    MailtokenException error = RefreshFailures.classify(account, t);
    Instant now = config.clock().instant();
    Snapshot next = FlightOutcome.afterFailure(s, error, trigger, now, config.backoff());
    synchronized (this) {
      snapshot = next;
      inFlight = null;
      inFlightReason = null;
    }
    flight.completeExceptionally(error);
    if (next.health() == AccountHealth.REAUTHORIZATION_REQUIRED) {
      retire();
    } else if (lane.grant().renewable()) {
      scheduleAt(next.nextRetryMillis(), now.toEpochMilli());
    }
    FlightOutcome.failed(config, account, scopes, now, next, elapsedUntil(now));
    rethrowIfError(t);
  }

  /** How long the flight ending {@code now} took (zero when it never reached the request). */
  private Duration elapsedUntil(Instant now) {
    Instant start = flightStart;
    return start == null ? Duration.ZERO : Duration.between(start, now);
  }

  private void scheduleAt(long atMillis, long nowMs) {
    long seq;
    synchronized (this) {
      if (retired) {
        return;
      }
      seq = ++scheduleSeq;
      if (scheduled != null) {
        scheduled.cancel();
        scheduled = null;
      }
    }
    Scheduler.Cancellable task = config.scheduler().schedule(() -> onScheduled(seq),
        Duration.ofMillis(Math.max(0, atMillis - nowMs)));
    synchronized (this) {
      if (retired || seq != scheduleSeq) {
        task.cancel();
      } else {
        scheduled = task;
      }
    }
  }

  private void onScheduled(long seq) {
    synchronized (this) {
      if (retired || seq != scheduleSeq) {
        return;
      }
      scheduled = null;
    }
    LOG.debug("proactive token refresh due account={} scopes={}", account, ScopeKey.describe(scopes));
    flight(RefreshTrigger.SCHEDULED, null, null, false);
  }

  /**
   * Waits for {@code flight}: a refresh-token exchange at most the endpoint's request timeout
   * (the exchange itself goes on, see {@link #refresh}); anything else until it ends.
   */
  private AccessToken await(CompletableFuture<AccessToken> flight) throws MailtokenException {
    Duration limit = lane.grant() instanceof RefreshTokenGrant ? config.exchange().requestTimeout() : null;
    return FlightWait.await(account, flight, limit);
  }

  private static void rethrowIfError(Throwable t) {
    if (t instanceof Error e) {
      throw e;
    }
  }
}
