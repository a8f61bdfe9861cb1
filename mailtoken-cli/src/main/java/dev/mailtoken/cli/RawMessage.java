package dev.mailtoken.cli;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A ready-made RFC 5322 message as bytes ({@code send --raw}, {@code sendmail}): its header fields
 * as written (folding and line ends kept) and its body, untouched. Header fields can be read,
 * removed and added; {@link #bytes()} reassembles the message, with every field not touched
 * byte for byte as it came. Bytes are read as ISO-8859-1, so 8-bit header text passes through.
 *
 * <p>The header ends at the first empty line, or at the first line that is not a header field
 * ({@code Name: value}) or its continuation: that line starts the body, and {@link #bytes()} puts
 * the empty line before it (as Postfix's sendmail does). Input whose first line is no header field
 * is all body. Immutable; the {@code with*} methods return changed copies.
 */
final class RawMessage {
  private final List<String> fields;
  private final byte[] body;
  private final String eol;

  private RawMessage(List<String> fields, byte[] body, String eol) {
    this.fields = List.copyOf(fields);
    this.body = body;
    this.eol = eol;
  }

  /** Splits {@code message} into header fields (each with its continuation lines) and body. */
  static RawMessage parse(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    int firstLf = text.indexOf('\n');
    String eol = firstLf > 0 && text.charAt(firstLf - 1) == '\r' ? "\r\n" : "\n";
    List<String> fields = new ArrayList<>();
    int pos = 0;
    while (pos < text.length()) {
      int lf = text.indexOf('\n', pos);
      int end = lf < 0 ? text.length() : lf + 1;
      String line = text.substring(pos, end);
      String bare = line.replaceAll("\r?\n$", "");
      if (bare.isEmpty()) {
        pos = end;   // the empty line between header and body
        break;
      }
      if (!line.endsWith("\n")) {
        line = line + eol;   // a last header field without a line end gets the message's
      }
      boolean continuation = (bare.charAt(0) == ' ' || bare.charAt(0) == '\t') && !fields.isEmpty();
      if (continuation) {
        fields.set(fields.size() - 1, fields.get(fields.size() - 1) + line);
      } else if (isFieldStart(bare)) {
        fields.add(line);
      } else {
        break;   // not a header field: the body starts here (no header at all when it is the first line)
      }
      pos = end;
    }
    byte[] rest = text.substring(pos).getBytes(StandardCharsets.ISO_8859_1);
    return new RawMessage(fields, rest, eol);
  }

  private static boolean isFieldStart(String line) {
    int colon = line.indexOf(':');
    if (colon <= 0) {
      return false;
    }
    for (int i = 0; i < colon; i++) {
      char c = line.charAt(i);
      if (c < 33 || c > 126) {
        return false;
      }
    }
    return true;
  }

  private static String name(String field) {
    return field.substring(0, field.indexOf(':'));
  }

  private static boolean named(String field, String name) {
    return name(field).equalsIgnoreCase(name);
  }

  /** The unfolded values of every field called {@code name} (case-insensitive), in order. */
  List<String> values(String name) {
    List<String> values = new ArrayList<>();
    for (String f : fields) {
      if (named(f, name)) {
        values.add(f.substring(f.indexOf(':') + 1).replaceAll("\r?\n", "").strip());
      }
    }
    return values;
  }

  boolean has(String name) {
    return !values(name).isEmpty();
  }

  /**
   * The addresses of every field called one of {@code names}, group members included.
   *
   * @throws CliException (usage) naming the field when it cannot be read as addresses
   */
  List<InternetAddress> addresses(String... names) {
    List<InternetAddress> found = new ArrayList<>();
    for (String name : names) {
      for (String value : values(name)) {
        try {
          for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
            for (InternetAddress member : a.isGroup() ? a.getGroup(false) : new InternetAddress[] {a}) {
              if (member.getAddress().indexOf('@') >= 0) {
                member.validate();   // the lenient parse reads real-world fields; this refuses what is no address
              }   // else a local user name (cron's "root"): the caller decides
              found.add(member);
            }
          }
        } catch (AddressException e) {
          throw new CliException(ExitCode.USAGE, "the message's " + name + " field cannot be read as addresses: "
              + e.getMessage(), "fix the field, e.g. " + name + ": Bob <bob@example.org>");
        }
      }
    }
    return found;
  }

  /** The first address of the {@code From} field, if there is one. */
  Optional<InternetAddress> from() {
    List<InternetAddress> from = addresses("From");
    return from.isEmpty() ? Optional.empty() : Optional.of(from.get(0));
  }

  /** This message without any field called {@code name}. */
  RawMessage without(String name) {
    return new RawMessage(fields.stream().filter(f -> !named(f, name)).toList(), body, eol);
  }

  /** This message with {@code name: value} (ASCII, already encoded) added after the existing fields. */
  RawMessage with(String name, String value) {
    List<String> more = new ArrayList<>(fields);
    more.add(name + ": " + value + eol);
    return new RawMessage(more, body, eol);
  }

  /** This message with every field called {@code name} replaced by one {@code name: value}, in the first one's place. */
  RawMessage replacing(String name, String value) {
    List<String> changed = new ArrayList<>();
    boolean done = false;
    for (String f : fields) {
      if (!named(f, name)) {
        changed.add(f);
      } else if (!done) {
        changed.add(name(f) + ": " + value + eol);
        done = true;
      }
    }
    return done ? new RawMessage(changed, body, eol) : with(name, value);
  }

  /** Header fields, an empty line, then the body as it came. */
  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 1024);
    for (String f : fields) {
      out.writeBytes(f.getBytes(StandardCharsets.ISO_8859_1));
    }
    out.writeBytes(eol.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** The field names, lower-cased, in order (for tests and messages). */
  List<String> fieldNames() {
    return fields.stream().map(f -> name(f).toLowerCase(Locale.ROOT)).toList();
  }
}
