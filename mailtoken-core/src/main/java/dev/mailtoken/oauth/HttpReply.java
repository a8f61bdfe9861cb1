package dev.mailtoken.oauth;

import java.net.http.HttpHeaders;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.List;

/** A token-endpoint answer as received: status, headers, the (size-capped) body text, and how long it took. */
record HttpReply(int status, HttpHeaders headers, String body, long elapsedMillis) {
  HttpReply(int status, HttpHeaders headers, String body) {
    this(status, headers, body, 0);
  }

  HttpReply {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /**
   * This reply with every occurrence of {@code secrets} in the body (as sent, form-encoded, or
   * JSON-escaped) replaced by {@code <redacted>}: some token endpoints echo the refresh token or
   * client secret in their {@code error_description}, which would otherwise reach exception
   * messages, logs and stored "last error" text.
   */
  HttpReply withoutSecrets(Collection<String> secrets) {
    String redacted = body;
    for (String secret : secrets) {
      if (secret == null || secret.length() < 4) {
        continue; // too short to be a secret worth hunting, and would shred ordinary words
      }
      for (String form : List.of(secret, Form.encode(secret), secret.replace("/", "\\/"))) {
        redacted = redacted.replace(form, "<redacted>");
      }
    }
    return redacted.equals(body) ? this : new HttpReply(status, headers, redacted, elapsedMillis);
  }
}
