package dev.mailtoken.server.webhook;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.server.webhook.DeliveryListener.Outcome;
import dev.mailtoken.token.Scheduler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries: claims each (a lease, so another node does not send it too), signs the
 * stored payload with a fresh timestamp, POSTs it and records the outcome. A failed attempt is
 * retried after {@code backoffBase * 2^(attempts-1)} (at most {@code backoffMax}), of which a
 * random half is taken off (jitter), until the retry TTL would be passed; then it is given up.
 *
 * <p>Passes run as tasks of the injected {@link Scheduler}: when told of a new delivery
 * ({@link #wake}), at the earliest due retry, and every poll interval (deliveries of other nodes,
 * or left by a stopped process). The POSTs run on the scheduler's thread, so give the worker a
 * scheduler of its own. The lock guards only the scheduling fields; it is never held while
 * sending or writing. Thread-safe.
 */
final class DeliveryWorker {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
  private static final int BATCH = 50;

  private final DeliveryRepository deliveries;
  private final WebhookRepository webhooks;
  private final SigningKeys keys;
  private final WebhookSender sender;
  private final Clock clock;
  private final WebhookSettings settings;
  private final DeliveryListener listener;
  private final Scheduler scheduler;
  private final String node;
  private final AtomicBoolean running = new AtomicBoolean();
  private final SplittableRandom random = new SplittableRandom(); // guarded by itself
  private Scheduler.Cancellable next; // guarded by this
  private Instant nextAt; // guarded by this
  private boolean stopped; // guarded by this
  private volatile boolean again;

  DeliveryWorker(DeliveryRepository deliveries, WebhookRepository webhooks, SigningKeys keys, Clock clock,
      WebhookSettings settings, DeliveryListener listener, Scheduler scheduler, String node) {
    this.deliveries = deliveries;
    this.webhooks = webhooks;
    this.keys = keys;
    this.sender = new WebhookSender(settings.timeout());
    this.clock = clock;
    this.settings = settings;
    this.listener = listener;
    this.scheduler = scheduler;
    this.node = node;
  }

  /** A pass as soon as the scheduler runs it: something new is due. */
  void wake() {
    scheduleAt(clock.instant());
  }

  /** No further passes; one in progress ends after its current POST. */
  void stop() {
    synchronized (this) {
      stopped = true;
      if (next != null) {
        next.cancel();
        next = null;
      }
    }
  }

  private void scheduleAt(Instant at) {
    Instant now = clock.instant();
    synchronized (this) {
      if (stopped || (next != null && !nextAt.isAfter(at))) {
        return;
      }
      if (next != null) {
        next.cancel();
      }
      nextAt = at;
      next = scheduler.schedule(this::run, Duration.between(now, at));
    }
  }

  private void run() {
    synchronized (this) {
      next = null;
      nextAt = null;
      if (stopped) {
        return;
      }
    }
    if (!running.compareAndSet(false, true)) {
      again = true; // the running pass looks once more before it ends
      return;
    }
    Instant following;
    try {
      do {
        again = false;
        pass();
      } while (again);
      Instant poll = clock.instant().plus(settings.pollInterval());
      following = deliveries.nextDue().filter(d -> d.isBefore(poll)).orElse(poll);
    } catch (MailtokenException | RuntimeException e) {
      LOG.warn("webhook delivery pass failed, trying again in {}: {}", settings.pollInterval(), e.getMessage());
      following = clock.instant().plus(settings.pollInterval());
    } finally {
      running.set(false);
    }
    scheduleAt(following);
  }

  /** Attempts every delivery due now. */
  private void pass() throws MailtokenException {
    List<DeliveryRepository.Due> due;
    do {
      due = deliveries.due(clock.instant(), BATCH);
      for (DeliveryRepository.Due d : due) {
        synchronized (this) {
          if (stopped) {
            return;
          }
        }
        attempt(d);
      }
    } while (due.size() == BATCH);
  }

  private void attempt(DeliveryRepository.Due d) throws MailtokenException {
    Instant now = clock.instant();
    if (!deliveries.claim(d.id(), node, now, now.plus(settings.timeout()).plus(Duration.ofMinutes(1)))) {
      return;
    }
    Optional<WebhookRepository.Stored> stored = webhooks.byId(d.webhookId());
    if (stored.isEmpty()) {
      return; // deleted meanwhile, with its deliveries
    }
    if (now.isAfter(d.expiresAt())) {
      finish(d, Outcome.FAILED, now, new WebhookSender.Result(Optional.empty(),
          Optional.of("expired before it could be sent (the server was not running)")), Optional.empty());
      return;
    }
    WebhookSender.Result result;
    try {
      Secret key = keys.open(stored.get());
      URI url = WebhookUrls.check(stored.get().webhook().url(), settings.allowPlainHttp());
      long timestamp = now.getEpochSecond();
      result = sender.post(url, d.eventId(), timestamp, WebhookSignature.sign(key, d.eventId(), timestamp,
          d.payload()), d.payload());
    } catch (MailtokenException | IllegalArgumentException e) {
      // An unreadable key or a URL the settings no longer allow: retrying cannot help.
      finish(d, Outcome.FAILED, clock.instant(), new WebhookSender.Result(Optional.empty(),
          Optional.of(e.getMessage())), Optional.empty());
      return;
    }
    Instant at = clock.instant();
    if (result.delivered()) {
      finish(d, Outcome.DELIVERED, at, result, Optional.empty());
      return;
    }
    Instant retry = at.plus(backoff(d.attempts() + 1));
    if (retry.isAfter(d.expiresAt())) {
      finish(d, Outcome.FAILED, at, result, Optional.empty());
    } else {
      finish(d, Outcome.RETRYING, at, result, Optional.of(retry));
    }
  }

  private void finish(DeliveryRepository.Due d, Outcome outcome, Instant at, WebhookSender.Result result,
      Optional<Instant> retry) throws MailtokenException {
    DeliveryState state = outcome == Outcome.DELIVERED ? DeliveryState.DELIVERED
        : outcome == Outcome.RETRYING ? DeliveryState.PENDING : DeliveryState.FAILED;
    deliveries.record(d.id(), node, state, at, result.status(), result.error(), retry);
    if (outcome == Outcome.DELIVERED) {
      LOG.info("webhook delivered delivery={} webhook={} event={} type={} attempt={} status={}", d.id(),
          d.webhookId(), d.eventId(), d.type(), d.attempts() + 1, result.status().orElse(0));
    } else {
      LOG.warn("webhook delivery {} delivery={} webhook={} event={} type={} attempt={}{}: {}",
          outcome == Outcome.RETRYING ? "failed, retrying" : "given up", d.id(), d.webhookId(), d.eventId(),
          d.type(), d.attempts() + 1, retry.map(r -> " nextAttempt=" + r).orElse(""), result.error().orElse(""));
    }
    try {
      listener.onAttempt(d.type(), outcome);
    } catch (RuntimeException e) {
      LOG.warn("delivery listener {} threw {}", listener.getClass().getName(), e.toString());
    }
  }

  /** The wait before attempt {@code attempt + 1}: base doubling per failure, capped, then up to half off at random. */
  Duration backoff(int failures) {
    long base = settings.backoffBase().toMillis();
    long max = settings.backoffMax().toMillis();
    long full = failures >= 31 ? max : Math.min(max, base << Math.max(0, failures - 1));
    double keep;
    synchronized (random) {
      keep = 0.5 + random.nextDouble() / 2;
    }
    return Duration.ofMillis((long) (full * keep));
  }
}
