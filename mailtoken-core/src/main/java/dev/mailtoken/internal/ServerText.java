package dev.mailtoken.internal;

/**
 * Text that came from a provider or a mail server (an {@code error_description}, an SMTP reply,
 * an issuer name), made safe to print, log and store: a server must not be able to move the
 * cursor, clear a terminal, forge a second log line or reverse the text around it.
 *
 * <p>{@link #printable} escapes, Java-style, every character a terminal or log viewer would act
 * on instead of show: {@code \r}, {@code \n} and {@code \t} become those two-character escapes;
 * the other control characters (C0, DEL, C1), Unicode format characters (bidirectional
 * overrides, zero-width characters), line and paragraph separators and unpaired surrogates
 * become {@code \}{@code uXXXX}. Everything else, including non-Latin letters and a backslash,
 * is kept as it is, so ordinary text reads the same.
 *
 * <p>Stateless and thread-safe.
 */
public final class ServerText {
  private ServerText() {
  }

  /** {@code text} with every control character escaped; "" for null. */
  public static String printable(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      if (paired) {
        if (b != null) {
          b.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (!acts(c)) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      b.append(escape(c));
    }
    return b == null ? text : b.toString();
  }

  /** True when {@code text} holds a character {@link #printable} would escape. */
  public static boolean needsEscaping(String text) {
    return text != null && !printable(text).equals(text);
  }

  private static boolean acts(char c) {
    switch (Character.getType(c)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SURROGATE:   // only unpaired ones get here
        return true;
      default:
        return false;
    }
  }

  private static String escape(char c) {
    switch (c) {
      case '\r':
        return "\\r";
      case '\n':
        return "\\n";
      case '\t':
        return "\\t";
      default:
        return String.format("\\u%04x", (int) c);
    }
  }
}
