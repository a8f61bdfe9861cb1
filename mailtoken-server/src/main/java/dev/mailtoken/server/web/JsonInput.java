package dev.mailtoken.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.http.Context;
import java.util.List;

/**
 * Reads a JSON request body into a record, turning every way it can be wrong into a clear
 * problem: not JSON (415; {@code application/json} and {@code application/merge-patch+json} are
 * JSON), empty or malformed (400 with line and column), unknown fields, wrong types and values the
 * record's constructor refuses (422 naming the field). The body size limit applies (413). Stateless.
 */
public final class JsonInput {
  private JsonInput() {
  }

  /**
   * The body as a {@code type}.
   *
   * @throws ApiException for every kind of bad input, before anything is written
   */
  public static <T> T read(Context ctx, Class<T> type) {
    String contentType = ctx.contentType();
    String lower = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    if (!lower.startsWith("application/json") && !lower.startsWith("application/merge-patch+json")) {
      throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as JSON with Content-Type:"
          + " application/json (got " + (contentType == null ? "none" : contentType) + ").");
    }
    String body = ctx.body();
    if (body.isBlank()) {
      throw new ApiException(ProblemType.INVALID_JSON, "The body is empty; a JSON object is expected.");
    }
    try {
      T value = ctx.jsonMapper().fromJsonString(body, type);
      if (value == null) {
        throw new ApiException(ProblemType.INVALID_JSON, "The body is JSON null; a JSON object is expected.");
      }
      return value;
    } catch (ApiException e) {
      throw e;
    } catch (Exception e) {
      // Jackson's exceptions are checked, but Javalin's Kotlin mapper lets them through undeclared.
      throw problem(e);
    }
  }

  private static ApiException problem(Throwable e) {
    Throwable t = e;
    while (t != null && !(t instanceof JsonProcessingException)) {
      t = t.getCause();
    }
    if (t instanceof UnrecognizedPropertyException u) {
      return invalid(path(u), "unknown field \"" + u.getPropertyName() + "\"; known fields: "
          + u.getKnownPropertyIds());
    }
    if (t instanceof ValueInstantiationException v) {
      Throwable cause = v.getCause() != null ? v.getCause() : v;
      String field = path(v);
      return invalid(field.isEmpty() ? "(body)" : field, String.valueOf(cause.getMessage()));
    }
    if (t instanceof InvalidFormatException f) {
      return invalid(path(f), "expected " + typeName(f.getTargetType()) + ", got " + shown(f.getValue()));
    }
    if (t instanceof MismatchedInputException m) {
      String field = path(m);
      return invalid(field.isEmpty() ? "(body)" : field, "expected " + typeName(m.getTargetType())
          + (field.isEmpty() ? " at the top level" : ""));
    }
    if (t instanceof JsonProcessingException p && p.getLocation() != null) {
      return new ApiException(ProblemType.INVALID_JSON, "The body is not valid JSON (line " + p.getLocation().getLineNr()
          + ", column " + p.getLocation().getColumnNr() + ").");
    }
    return new ApiException(ProblemType.INVALID_JSON, "The body could not be read as JSON.");
  }

  private static ApiException invalid(String field, String message) {
    return ApiException.invalid("The body has an invalid field: " + field + ": " + message + ".",
        List.of(new FieldError(field, message)));
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "another value";
    }
    if (type.isEnum()) {
      return "one of " + List.of(type.getEnumConstants());
    }
    if (type == String.class) {
      return "a string";
    }
    if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return type.isRecord() || com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(type) ? "an object"
        : type.getSimpleName();
  }

  /** What kind of value was rejected, never the value itself (it could be a secret in the wrong field). */
  private static String shown(Object value) {
    if (value instanceof String) {
      return "a string";
    }
    return value instanceof Number ? "a number" : value == null ? "null" : "another value";
  }
}
