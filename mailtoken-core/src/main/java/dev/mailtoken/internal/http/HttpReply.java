package dev.mailtoken.internal.http;

import java.net.http.HttpHeaders;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/** An answer as received: status, headers, the (size-capped) body text, and how long it took. */
public record HttpReply(int status, HttpHeaders headers, String body, long elapsedMillis) {
  public HttpReply(int status, HttpHeaders headers, String body) {
    this(status, headers, body, 0);
  }

  public HttpReply {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  /** The first value of header {@code name} (case-insensitive). */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** 2xx. */
  public boolean isSuccess() {
    return HttpStatuses.isSuccess(status);
  }

  /** 408, 429 or 5xx. */
  public boolean isTransientStatus() {
    return HttpStatuses.isTransient(status);
  }

  /** This reply with {@code secrets} removed from the body; see {@link Excerpts#withoutSecrets}. */
  public HttpReply withoutSecrets(Collection<String> secrets) {
    String redacted = Excerpts.withoutSecrets(body, secrets);
    return redacted.equals(body) ? this : new HttpReply(status, headers, redacted, elapsedMillis);
  }
}
