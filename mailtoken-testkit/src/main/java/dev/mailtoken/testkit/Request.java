package dev.mailtoken.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed request as the handlers see it. Immutable by convention ({@code body} is not copied:
 * handlers only read it).
 *
 * @param tenant the Microsoft tenant path segment, or null in other modes
 * @param headers names lower-cased
 */
record Request(Endpoint endpoint, String tenant, String method, String path, Map<String, List<String>> headers,
    Map<String, String> query, Map<String, String> form, byte[] body) {

  /** A form parameter, else a query parameter; null if absent. */
  String param(String name) {
    String value = form.get(name);
    return value != null ? value : query.get(name);
  }

  /** The first value of a header (lower-case name), or null. */
  String header(String lowerCaseName) {
    List<String> values = headers.get(lowerCaseName);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive); empty without one. */
  Optional<String> bearerToken() {
    String value = header("authorization");
    return value != null && value.regionMatches(true, 0, "Bearer ", 0, 7)
        ? Optional.of(value.substring(7).trim()) : Optional.empty();
  }
}
