package dev.mailtoken.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON parsing with one shared, immutable-after-construction mapper. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {
  }

  /** The parsed tree, or null when {@code text} is not JSON. */
  static JsonNode parseOrNull(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** True when {@code text} starts like JSON but ends before the document does. */
  static boolean looksTruncated(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    String t = text.stripLeading();
    if (!t.startsWith("{") && !t.startsWith("[")) {
      return false;
    }
    try {
      MAPPER.readTree(t);
      return false;
    } catch (JsonEOFException e) {
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
