package dev.mailtoken.testkit;

import java.util.ArrayList;
import java.util.List;

/** Messages accepted by the HTTP send endpoints, in order. Thread-safe: one lock, held only to append or copy. */
final class ApiOutbox {
  private final List<ApiMessage> messages = new ArrayList<>();

  synchronized void add(ApiMessage message) {
    messages.add(message);
  }

  synchronized List<ApiMessage> all() {
    return List.copyOf(messages);
  }

  synchronized void clear() {
    messages.clear();
  }
}
