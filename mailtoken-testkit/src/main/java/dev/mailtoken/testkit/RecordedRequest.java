package dev.mailtoken.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the emulator received, as recorded before any fault or handler ran. Immutable.
 * It holds what was on the wire, secrets included: assert on it, do not log it.
 *
 * @param endpoint which endpoint the path maps to
 * @param method HTTP method
 * @param path request path, without query
 * @param headers request headers, names lower-cased
 * @param queryParams decoded query parameters (first value of each)
 * @param formParams decoded {@code application/x-www-form-urlencoded} body parameters (first value of each)
 * @param receivedAt the emulator clock's time when it arrived
 */
public record RecordedRequest(Endpoint endpoint, String method, String path, Map<String, List<String>> headers,
    Map<String, String> queryParams, Map<String, String> formParams, Instant receivedAt) {
  public RecordedRequest {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(headers);
    queryParams = Map.copyOf(queryParams);
    formParams = Map.copyOf(formParams);
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** A form parameter, or else a query parameter, by name. */
  public Optional<String> param(String name) {
    String value = formParams.get(name);
    return Optional.ofNullable(value != null ? value : queryParams.get(name));
  }

  /** The first value of a header (name case-insensitive). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  @Override
  public String toString() {
    // Parameters hold codes, secrets and tokens: show names only.
    return "RecordedRequest[" + endpoint + " " + method + " " + path + ", params=" + formParams.keySet()
        + queryParams.keySet() + "]";
  }
}
