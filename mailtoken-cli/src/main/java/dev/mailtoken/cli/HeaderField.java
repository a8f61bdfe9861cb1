package dev.mailtoken.cli;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code --header 'Name: value'} of {@code send}, checked: the name is an RFC 5322 field name
 * (printable ASCII, no colon or space), the value one line without control characters; fields
 * that {@code send} writes itself from other options are refused with the option to use.
 * Non-ASCII text in the value is RFC 2047-encoded.
 *
 * @param name the field name as given
 * @param value the value as given, surrounding white space removed
 */
record HeaderField(String name, String value) {
  /** Fields set by other options (lower case) → what to use instead. */
  private static final Map<String, String> OWN = Map.ofEntries(Map.entry("from", "--from"), Map.entry("to", "--to"),
      Map.entry("cc", "--cc"), Map.entry("bcc", "--bcc"), Map.entry("reply-to", "--reply-to"),
      Map.entry("subject", "--subject"), Map.entry("mime-version", "--text, --html, --file and --attach"),
      Map.entry("content-type", "--text, --html, --file and --attach"),
      Map.entry("content-transfer-encoding", "--text, --html, --file and --attach"));

  /** @throws CliException (usage) naming the option value and what is wrong with it */
  static HeaderField parse(String spec) {
    int colon = spec.indexOf(':');
    if (colon <= 0) {
      throw new CliException(ExitCode.USAGE, "--header " + spec + " is not a header field: write 'Name: value'",
          "for example --header 'In-Reply-To: <id@example.com>'");
    }
    String name = spec.substring(0, colon);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 33 || c > 126) {
        throw new CliException(ExitCode.USAGE, "--header field name \"" + name + "\" is not one: a name is printable"
            + " ASCII without spaces or colons", "for example --header 'X-Report-Id: 42'");
      }
    }
    String value = spec.substring(colon + 1).strip();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 32 && c != '\t') || c == 127) {
        throw new CliException(ExitCode.USAGE, "--header " + name + " has a line break or control character in its"
            + " value; a value is one line", "long values are folded when the message is written");
      }
    }
    String instead = OWN.get(name.toLowerCase(Locale.ROOT));
    if (instead != null) {
      throw new CliException(ExitCode.USAGE, "--header " + name + " is set by send itself; use " + instead);
    }
    return new HeaderField(name, value);
  }

  /** The value as written into the message: RFC 2047 words for non-ASCII text, folded to the line length. */
  String encodedValue() {
    try {
      return MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(value, "UTF-8", null));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }
}
