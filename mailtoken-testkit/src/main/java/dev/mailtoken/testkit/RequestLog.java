package dev.mailtoken.testkit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Request counters and the request log. Thread-safe: one lock, held only to append or copy. */
final class RequestLog {
  private final Map<Endpoint, AtomicLong> counts = new EnumMap<>(Endpoint.class);
  private final List<RecordedRequest> requests = new ArrayList<>();

  RequestLog() {
    for (Endpoint endpoint : Endpoint.values()) {
      counts.put(endpoint, new AtomicLong());
    }
  }

  synchronized void record(RecordedRequest request) {
    requests.add(request);
    counts.get(request.endpoint()).incrementAndGet();
  }

  long count(Endpoint endpoint) {
    return counts.get(endpoint).get();
  }

  synchronized List<RecordedRequest> all() {
    return List.copyOf(requests);
  }

  synchronized List<RecordedRequest> of(Endpoint endpoint) {
    return requests.stream().filter(r -> r.endpoint() == endpoint).toList();
  }

  synchronized void clear() {
    requests.clear();
    counts.values().forEach(c -> c.set(0));
  }
}
