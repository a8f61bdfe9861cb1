package dev.mailtoken.server.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A webhook as stored, without its signing key (shown once, at creation). Immutable;
 * {@code toString} leaves out the URL's query, which may carry a receiver's own token.
 *
 * @param id the webhook's public id
 * @param url where the events go
 * @param events the event types it receives, sorted
 * @param description a label for people, possibly empty
 * @param createdBy who created it (an API token id, {@code session:<id>} or {@code cli})
 */
public record Webhook(String id, String url, List<WebhookEventType> events, String description, Instant createdAt,
    String createdBy) {
  public Webhook {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    events = events.stream().distinct().sorted(java.util.Comparator.comparing(WebhookEventType::wireName)).toList();
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }

  /** True when it receives events of {@code type}. */
  public boolean receives(WebhookEventType type) {
    return events.contains(type);
  }

  /** The URL without query or fragment: for logs and messages. */
  public String safeUrl() {
    return safe(url);
  }

  static String safe(String url) {
    try {
      URI u = URI.create(url);
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return "(unparsable URL)";
    }
  }

  @Override
  public String toString() {
    return "Webhook[id=" + id + ", url=" + safeUrl() + ", events=" + events + "]";
  }
}
