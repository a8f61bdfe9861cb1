package dev.mailtoken.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event to send: its id (the {@code webhook-id} header), type, time, account and details.
 * Never holds a secret: callers put fingerprints, never values, in {@code data}.
 *
 * @param data further string members of the payload's {@code data}, in order
 */
record WebhookEvent(String id, WebhookEventType type, Instant at, String account, Map<String, String> data) {
  private static final ObjectMapper JSON = new ObjectMapper();

  WebhookEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(account, "account");
    data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /**
   * The body every attempt sends (and signs), in the Standard Webhooks shape:
   * {@code {"type":…,"timestamp":…,"data":{"account":…,…}}}.
   */
  String payload() {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", type.wireName());
    root.put("timestamp", at.toString());
    ObjectNode d = root.putObject("data");
    d.put("account", account);
    data.forEach(d::put);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }
}
