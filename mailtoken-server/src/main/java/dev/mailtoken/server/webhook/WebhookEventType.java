package dev.mailtoken.server.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The events a webhook can subscribe to; {@link #wireName()} is the {@code type} in the payload
 * and the filter in {@code events}. The server README describes each payload.
 */
public enum WebhookEventType {
  /** A mailbox was connected (or connected again), through the web flow or the API. */
  ACCOUNT_CONNECTED("account.connected"),
  /** The account's grant is dead: a person must consent again. Raised once per account version. */
  ACCOUNT_REAUTHORIZATION_REQUIRED("account.reauthorization_required"),
  /** A refresh failed for now; it is retried with backoff while a valid token is served. */
  TOKEN_REFRESH_FAILED("token.refresh_failed"),
  /** The provider rotated the refresh token, and the new one was saved. */
  TOKEN_ROTATED("token.rotated"),
  /** The account was removed from the server. */
  ACCOUNT_REMOVED("account.removed");

  private final String wireName;

  WebhookEventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in JSON, e.g. {@code token.rotated}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  @Override
  public String toString() {
    return wireName;
  }

  /** The type with this wire name. */
  public static Optional<WebhookEventType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  /** Every wire name, comma separated: for messages. */
  public static String allWireNames() {
    return String.join(", ", Arrays.stream(values()).map(WebhookEventType::wireName).toList());
  }
}
