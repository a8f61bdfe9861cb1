package dev.mailtoken.cli;

import dev.mailtoken.mail.Envelope;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code send --raw} sends: a ready-made message as it is, except that {@code Bcc} fields are
 * removed (their addresses stay in the envelope). The account is {@code --from}, else the message's
 * From address; the recipients are {@code --to}, else the To, Cc and Bcc addresses.
 *
 * @param account the stored account to send as (also the envelope sender)
 * @param envelope the envelope
 * @param bytes the message as sent
 */
record RawSend(String account, Envelope envelope, byte[] bytes) {

  /** @throws CliException (usage) when the message names no account or recipient, or an address is unusable */
  static RawSend of(byte[] message, Optional<String> from, List<String> to) {
    if (new String(message, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
      throw new CliException(ExitCode.USAGE, "the message given with --raw is empty",
          "give a file (or - for standard input) with header fields, an empty line and the body");
    }
    RawMessage raw = RawMessage.parse(message);
    String account = from.map(String::strip).or(() -> raw.from().map(InternetAddress::getAddress))
        .orElseThrow(() -> new CliException(ExitCode.USAGE, "the message given with --raw has no From field",
            "give the account to send as with --from ACCOUNT"));
    List<String> recipients = to == null || to.isEmpty() ? headerRecipients(raw) : to.stream().map(String::strip)
        .toList();
    if (recipients.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "the message given with --raw names no recipient (To, Cc, Bcc)",
          "give them with --to ADDR[,ADDR…]");
    }
    byte[] bytes = raw.has("Bcc") ? raw.without("Bcc").bytes() : message;
    try {
      return new RawSend(account, new Envelope(account, recipients), bytes);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage());
    }
  }

  private static List<String> headerRecipients(RawMessage raw) {
    Map<String, String> unique = new LinkedHashMap<>();
    for (InternetAddress a : raw.addresses("To", "Cc", "Bcc")) {
      unique.putIfAbsent(a.getAddress().toLowerCase(Locale.ROOT), a.getAddress());
    }
    return new ArrayList<>(unique.values());
  }
}
