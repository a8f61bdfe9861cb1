package dev.mailtoken.server.webhook;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.server.account.AccountEventListener;
import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.store.NoSuchEntryException;
import dev.mailtoken.store.internal.SealedFields;
import dev.mailtoken.token.Scheduler;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Webhooks: URLs with event filters that get each matching event as a JSON POST signed the
 * Standard Webhooks way (HMAC-SHA256 over id, timestamp and body; see the server README).
 *
 * <p>{@link #publish} stores one delivery per matching webhook in one transaction before it
 * returns, so an event is never lost once published, even if the process dies; the delivery
 * worker ({@link #start}) sends them, retries failures with exponential backoff and jitter until
 * {@code retry-ttl}, and keeps the outcome for the delivery log ({@link #deliveries}). Nodes on
 * one database share the work (each delivery is claimed before it is sent).
 *
 * <p>Event sources: {@link #accountEvents()} for the accounts feature's recorded events (the one
 * source of account and token events, each recorded once across nodes); {@link #publish} for
 * anything else. Signing keys are random secrets shown once by
 * {@link #create}, kept sealed with the store's key.
 *
 * <p>Thread-safe. Failures: {@link MailtokenException} when the database fails,
 * {@link NoSuchEntryException} for an unknown webhook, {@link IllegalArgumentException} for bad
 * input (a URL the settings do not allow, say).
 */
public final class Webhooks implements AutoCloseable {
  private final WebhookRepository repository;
  private final DeliveryRepository deliveries;
  private final SigningKeys keys;
  private final AuditLog audit;
  private final Clock clock;
  private final WebhookSettings settings;
  private final DeliveryListener listener;
  private final AccountEventWebhooks accountEvents = new AccountEventWebhooks(this);
  private final SecureRandom random = new SecureRandom();
  private volatile DeliveryWorker worker;

  public Webhooks(ServerDatabase db, SealedFields sealedFields, AuditLog audit, Clock clock, WebhookSettings settings,
      DeliveryListener listener) {
    this.repository = new WebhookRepository(Objects.requireNonNull(db, "db"));
    this.deliveries = new DeliveryRepository(db);
    this.keys = new SigningKeys(Objects.requireNonNull(sealedFields, "sealedFields"));
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Creates a webhook with a new signing secret; the secret in the result is the only copy the
   * server ever shows.
   *
   * @param actor who asks (an API token id, {@code session:<id>}, {@code cli})
   * @throws IllegalArgumentException when the URL is not allowed (the message says why)
   */
  public CreatedWebhook create(NewWebhook request, String actor) throws MailtokenException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(actor, "actor");
    WebhookUrls.check(request.url(), settings.allowPlainHttp());
    Webhook webhook = new Webhook(hexId(), request.url(), request.events(), request.description().orElse(""),
        clock.instant(), actor);
    Secret secret = WebhookSignature.newSecret(random);
    repository.db().write(c -> {
      WebhookRepository.insert(c, webhook, keys.seal(c, webhook.id(), webhook.url(), secret));
      return null;
    });
    audit.record(actor, "webhook.created", webhook.id(), "events " + webhook.events() + ", url " + webhook.safeUrl());
    return new CreatedWebhook(webhook, secret);
  }

  /** Every webhook, oldest first. */
  public List<Webhook> list() throws MailtokenException {
    return repository.all().stream().map(WebhookRepository.Stored::webhook).toList();
  }

  public Optional<Webhook> find(String id) throws MailtokenException {
    return repository.byId(Objects.requireNonNull(id, "id")).map(WebhookRepository.Stored::webhook);
  }

  /**
   * Deletes a webhook with its pending deliveries and its delivery log.
   *
   * @throws NoSuchEntryException when there is no webhook with that id
   */
  public Webhook delete(String id, String actor) throws MailtokenException {
    Objects.requireNonNull(actor, "actor");
    Webhook w = find(id).orElseThrow(() -> unknown(id));
    if (!repository.delete(id)) {
      throw unknown(id);
    }
    audit.record(actor, "webhook.deleted", id, "url " + w.safeUrl());
    return w;
  }

  /**
   * The delivery log of a webhook, newest first.
   *
   * @param limit 1 to {@value AuditLog#MAX_PAGE}
   * @throws NoSuchEntryException when there is no webhook with that id
   */
  public List<Delivery> deliveries(String webhookId, int limit) throws MailtokenException {
    if (limit < 1 || limit > AuditLog.MAX_PAGE) {
      throw new IllegalArgumentException("limit must be between 1 and " + AuditLog.MAX_PAGE + ", was " + limit);
    }
    find(webhookId).orElseThrow(() -> unknown(webhookId));
    return deliveries.log(webhookId, limit);
  }

  /**
   * Stores a delivery of a new event for every webhook that receives {@code type}, in one
   * transaction, and wakes the worker. Never put a secret in {@code data}.
   *
   * @param data further members of the payload's {@code data} besides {@code account}
   * @return how many deliveries were stored
   */
  public int publish(WebhookEventType type, String account, Map<String, String> data) throws MailtokenException {
    return publish(type, account, clock.instant(), data);
  }

  /** {@link #publish(WebhookEventType, String, Map)} for an event that happened {@code at}. */
  int publish(WebhookEventType type, String account, Instant at, Map<String, String> data) throws MailtokenException {
    return store(newEvent(type, account, at, data));
  }

  /**
   * The listener to give the accounts feature: its recorded events (connected, reconnected, dead
   * grants, failed refreshes, rotations, removals), each recorded once across nodes, become
   * webhook events. Fast, never throws.
   */
  public AccountEventListener accountEvents() {
    return accountEvents;
  }

  /**
   * Starts delivering: runs a pass at once (deliveries left by a stopped process go out now) and more as needed on
   * {@code scheduler}, which also runs the POSTs: give it a thread of its own.
   *
   * @throws IllegalStateException when already started
   */
  public synchronized void start(Scheduler scheduler) {
    Objects.requireNonNull(scheduler, "scheduler");
    if (worker != null) {
      throw new IllegalStateException("the webhook worker was already started");
    }
    worker = new DeliveryWorker(deliveries, repository, keys, clock, settings, listener, scheduler, hexId());
    worker.wake();
  }

  /** Stops the worker; a POST in flight finishes (within the timeout). Idempotent. */
  @Override
  public synchronized void close() {
    if (worker != null) {
      worker.stop();
    }
  }

  /**
   * The webhook pages (a login required): {@code /admin/webhooks} to list, create (the secret
   * shown once) and delete, {@code /admin/webhooks/{id}} for the delivery log.
   */
  public Endpoints pages() {
    return new WebhookPageEndpoints(this);
  }

  /** {@code /v1/webhooks} and the delivery log (scope admin). */
  public Endpoints endpoints() {
    return new WebhookEndpoints(this);
  }

  private WebhookEvent newEvent(WebhookEventType type, String account, Instant at, Map<String, String> data) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(data, "data");
    byte[] id = new byte[16];
    synchronized (random) {
      random.nextBytes(id);
    }
    return new WebhookEvent("msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(id), type,
        Objects.requireNonNull(at, "at"), account, data);
  }

  private int store(WebhookEvent event) throws MailtokenException {
    Instant expires = event.at().plus(settings.retryTtl());
    int stored = repository.db().write(c -> {
      List<Webhook> targets = WebhookRepository.receiving(c, event.type());
      for (Webhook w : targets) {
        DeliveryRepository.insert(c, hexId(), w.id(), event, expires);
      }
      return targets.size();
    });
    DeliveryWorker w = worker;
    if (stored > 0 && w != null) {
      w.wake();
    }
    return stored;
  }

  private String hexId() {
    byte[] b = new byte[8];
    synchronized (random) {
      random.nextBytes(b);
    }
    return HexFormat.of().formatHex(b);
  }

  static NoSuchEntryException unknown(String id) {
    return new NoSuchEntryException("No webhook with id " + id + "; list them with GET /v1/webhooks.", null);
  }
}
