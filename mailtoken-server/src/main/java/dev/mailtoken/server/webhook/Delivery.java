package dev.mailtoken.server.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event on its way to one webhook, as the delivery log shows it. Never holds a secret (the
 * payload is not part of the log entry). Immutable.
 *
 * @param eventId the {@code webhook-id} header: the same for every attempt, and for every webhook
 *     that receives this event, so receivers can drop duplicates
 * @param attempts POSTs made so far
 * @param expiresAt when retrying stops (creation plus {@code webhooks.retry-ttl})
 * @param nextAttemptAt when the next attempt is due, while pending
 * @param lastStatus the HTTP status of the last attempt, when one was answered
 * @param lastError why the last attempt failed, when it did
 */
public record Delivery(String id, String webhookId, String eventId, WebhookEventType eventType, DeliveryState state,
    int attempts, Instant createdAt, Instant expiresAt, Optional<Instant> nextAttemptAt,
    Optional<Instant> lastAttemptAt, Optional<Integer> lastStatus, Optional<String> lastError,
    Optional<Instant> deliveredAt) {
  public Delivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(webhookId, "webhookId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
    Objects.requireNonNull(lastStatus, "lastStatus");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(deliveredAt, "deliveredAt");
  }
}
