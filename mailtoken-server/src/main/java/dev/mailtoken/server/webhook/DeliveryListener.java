package dev.mailtoken.server.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Told about every delivery attempt after its outcome was recorded (metrics listen here). Called
 * on the delivery worker's thread; must be fast and must not throw (one that throws is logged at
 * WARN and ignored).
 */
@FunctionalInterface
public interface DeliveryListener {
  /** Does nothing: the default. */
  DeliveryListener NONE = (type, outcome) -> { };

  /** How an attempt ended. */
  enum Outcome {
    /** Answered 2xx: delivered. */
    DELIVERED,
    /** Failed; another attempt is scheduled. */
    RETRYING,
    /** Failed, and the retry TTL is used up (or the webhook's key cannot be read): given up. */
    FAILED;

    /** The name in metrics, e.g. {@code retrying}. */
    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  void onAttempt(WebhookEventType type, Outcome outcome);
}
