package dev.mailtoken.server.account;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to an account, as listed by {@code GET /v1/accounts/{id}/events} and
 * given to {@link AccountEventListener}s (webhooks, metrics). Never holds a secret.
 *
 * @param kind {@code account.connected}, {@code account.reconnected}, {@code account.reauthorization_required},
 *     {@code token.refresh_failed}, {@code token.rotated}, {@code account.revoked}, {@code account.removed}
 * @param detail what the provider or the server said, for people
 */
public record AccountEvent(String id, String account, Instant at, String kind, String detail) {
  public static final String CONNECTED = "account.connected";
  public static final String RECONNECTED = "account.reconnected";
  public static final String REAUTHORIZATION_REQUIRED = "account.reauthorization_required";
  public static final String REFRESH_FAILED = "token.refresh_failed";
  public static final String ROTATED = "token.rotated";
  public static final String REVOKED = "account.revoked";
  public static final String REMOVED = "account.removed";

  public AccountEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
