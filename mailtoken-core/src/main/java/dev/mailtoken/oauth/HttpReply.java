package dev.mailtoken.oauth;

import java.net.http.HttpHeaders;
import java.util.Objects;
import java.util.Optional;

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
}
