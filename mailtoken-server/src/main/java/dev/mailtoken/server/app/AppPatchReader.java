package dev.mailtoken.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailtoken.server.web.ApiException;
import dev.mailtoken.server.web.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code PATCH /v1/apps/{name}} body into an {@link AppPatch}. A record with
 * {@code Optional} components cannot tell a field left out from one set to {@code null} (Jackson
 * gives both as empty), and merge-patch needs that difference, so the body is read as a JSON
 * object and each field looked at here. Stateless.
 */
final class AppPatchReader {
  private static final List<String> FIELDS = List.of("tenant", "issuer", "tokenEndpoint", "authorizationEndpoint",
      "revocationEndpoint", "userinfoEndpoint", "clientId", "clientSecret", "redirectUri", "scopes", "smtpHost",
      "smtpPort");

  private AppPatchReader() {
  }

  /** @throws ApiException 422 naming the field for an unknown field, a wrong type or a refused value */
  static AppPatch read(ObjectNode body) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw invalid(name, "unknown field \"" + name + "\" (the name and provider cannot change); known fields: "
            + FIELDS);
      }
    }
    try {
      return new AppPatch(text(body, "tenant"), uri(body, "issuer"), uri(body, "tokenEndpoint"),
          uri(body, "authorizationEndpoint"), uri(body, "revocationEndpoint"), uri(body, "userinfoEndpoint"),
          text(body, "clientId"), text(body, "clientSecret"), uri(body, "redirectUri"), scopes(body),
          text(body, "smtpHost"), port(body));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("The body is not a valid change: " + e.getMessage() + ".",
          List.of(new FieldError("(body)", e.getMessage())));
    }
  }

  /** Left out: null; JSON null: empty; else the string. */
  private static Optional<String> text(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null) {
      return null;
    }
    if (v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw invalid(field, "expected a string or null");
    }
    return Optional.of(v.asText());
  }

  private static Optional<URI> uri(ObjectNode body, String field) {
    Optional<String> t = text(body, field);
    if (t == null || t.isEmpty()) {
      return t == null ? null : Optional.empty();
    }
    try {
      URI u = new URI(t.get());
      if (u.isAbsolute() && u.getHost() != null) {
        return Optional.of(u);
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw invalid(field, "expected an absolute URL or null");
  }

  private static Optional<List<String>> scopes(ObjectNode body) {
    JsonNode v = body.get("scopes");
    if (v == null) {
      return null;
    }
    if (v.isNull()) {
      return Optional.empty();
    }
    if (!v.isArray()) {
      throw invalid("scopes", "expected an array of strings or null");
    }
    List<String> scopes = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
        throw invalid("scopes[" + i + "]", "expected a scope name");
      }
      scopes.add(v.get(i).asText());
    }
    return Optional.of(scopes);
  }

  private static Optional<Integer> port(ObjectNode body) {
    JsonNode v = body.get("smtpPort");
    if (v == null) {
      return null;
    }
    if (v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw invalid("smtpPort", "expected a number from 1 to 65535");
    }
    return Optional.of(v.asInt());
  }

  private static ApiException invalid(String field, String message) {
    return ApiException.invalid("The body has an invalid field: " + field + ": " + message + ".",
        List.of(new FieldError(field, message)));
  }
}
