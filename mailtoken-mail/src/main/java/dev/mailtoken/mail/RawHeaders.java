package dev.mailtoken.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The header section of a raw message, read without Jakarta Mail: fields up to the first empty
 * line, folded lines unfolded, bytes read as ISO-8859-1 (so 8-bit text passes through). Enough
 * to find the {@code Message-ID} and the recipient headers; malformed lines are skipped, never
 * fatal, because the message is sent as it is. Immutable.
 */
final class RawHeaders {
  private final List<String[]> fields;
  private final String lineEnding;

  private RawHeaders(List<String[]> fields, String lineEnding) {
    this.fields = fields;
    this.lineEnding = lineEnding;
  }

  static RawHeaders read(byte[] message) {
    List<String[]> fields = new ArrayList<>();
    String lineEnding = "\r\n";
    StringBuilder current = null;
    int start = 0;
    while (start < message.length) {
      int end = start;
      while (end < message.length && message[end] != '\n') {
        end++;
      }
      boolean crlf = end < message.length && end > start && message[end - 1] == '\r';
      if (start == 0 && end < message.length) {
        lineEnding = crlf ? "\r\n" : "\n";
      }
      String line = new String(message, start, end - start - (crlf ? 1 : 0), StandardCharsets.ISO_8859_1);
      start = end + 1;
      if (line.isEmpty()) {
        break;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
        current.append(line);
        continue;
      }
      add(fields, current);
      current = new StringBuilder(line);
    }
    add(fields, current);
    return new RawHeaders(fields, lineEnding);
  }

  private static void add(List<String[]> fields, StringBuilder field) {
    if (field == null) {
      return;
    }
    int colon = field.indexOf(":");
    if (colon > 0) {
      fields.add(new String[] {field.substring(0, colon).trim(), field.substring(colon + 1).trim()});
    }
  }

  /** The values of every field named {@code name} (case-insensitive), in order. */
  List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (String[] f : fields) {
      if (f[0].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        values.add(f[1]);
      }
    }
    return values;
  }

  Optional<String> first(String name) {
    List<String> values = all(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The message's own line ending ({@code CRLF}, or {@code LF} for a message written with bare LFs). */
  String lineEnding() {
    return lineEnding;
  }
}
