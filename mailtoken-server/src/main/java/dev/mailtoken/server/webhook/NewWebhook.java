package dev.mailtoken.server.webhook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to create: also the JSON body of {@code POST /v1/webhooks}. The URL's scheme and host are
 * checked by {@link Webhooks#create} (https, or http to loopback unless allowed).
 *
 * @param url where to POST the events (at most 2000 characters)
 * @param events the event types to send, at least one
 * @param description a label for people (at most 200 characters); absent for none
 */
public record NewWebhook(String url, List<WebhookEventType> events, Optional<String> description) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when a value is missing or out of range
   */
  public NewWebhook {
    if (url == null || url.isBlank() || url.length() > 2000) {
      throw new IllegalArgumentException("url is required: an https:// URL of at most 2000 characters");
    }
    if (events == null || events.isEmpty() || events.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("events needs at least one of: " + WebhookEventType.allWireNames());
    }
    events = events.stream().distinct().sorted(java.util.Comparator.comparing(WebhookEventType::wireName)).toList();
    description = description == null ? Optional.empty() : description;
    if (description.isPresent() && description.get().length() > 200) {
      throw new IllegalArgumentException("description must be at most 200 characters");
    }
  }
}
