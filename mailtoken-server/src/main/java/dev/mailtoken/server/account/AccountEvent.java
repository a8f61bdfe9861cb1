package dev.mailtoken.server.account;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something that happened to an account, as listed by {@code GET /v1/accounts/{id}/events} and
 * given to {@link AccountEventListener}s (webhooks, metrics). Never holds a secret.
 *
 * @param kind {@code account.connected}, {@code account.reconnected}, {@code account.reauthorization_required},
 *     {@code token.refresh_failed}, {@code token.rotated}, {@code account.revoked}, {@code account.removed}
 * @param detail what the provider or the server said, for people
 * @param data the same facts for programs, by name (sorted): {@code app} (connected, reconnected),
 *     {@code error} (the exception type) and {@code oauthError} (the provider's code, when it sent
 *     one) for a dead grant or failed refresh, {@code nextRetry} (failed refresh),
 *     {@code refreshTokenFingerprint} (rotated: 8 hex digits of its SHA-256, never the token),
 *     {@code revokedAtProvider} (removed); never a secret
 */
public record AccountEvent(String id, String account, Instant at, String kind, String detail,
    Map<String, String> data) {
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
    data = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(data, "data")));
  }

  /** An event with no data beyond its detail. */
  public AccountEvent(String id, String account, Instant at, String kind, String detail) {
    this(id, account, at, kind, detail, Map.of());
  }
}
