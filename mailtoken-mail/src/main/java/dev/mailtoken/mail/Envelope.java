package dev.mailtoken.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of a raw message: the {@code MAIL FROM} address and the {@code RCPT TO}
 * addresses, which may differ from the message's own headers (a {@code Bcc} recipient is in the
 * envelope only). Sent with {@link Mailer#send(Envelope, byte[])}.
 *
 * <p>Addresses are bare ({@code bob@example.org}, no display name or angle brackets), in printable
 * ASCII (no SMTPUTF8), each checked as an RFC 822 address; there is at least one recipient. The
 * null reverse path ({@code <>}) is not accepted: a mailbox sends as itself. Immutable and
 * thread-safe.
 *
 * @param sender the {@code MAIL FROM} address
 * @param recipients the {@code RCPT TO} addresses, in order
 */
public record Envelope(String sender, List<String> recipients) {

  /** @throws IllegalArgumentException naming the address that is not a bare ASCII mailbox address */
  public Envelope {
    checked("sender", sender);
    recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("an envelope needs at least one recipient");
    }
    for (String r : recipients) {
      checked("recipient", r);
    }
  }

  /** An envelope from {@code sender} to {@code recipients}. */
  public static Envelope of(String sender, String... recipients) {
    return new Envelope(sender, List.of(recipients));
  }

  private static void checked(String role, String address) {
    Objects.requireNonNull(address, role);
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("envelope " + role + " " + printable(address) + " has a control or non-ASCII"
            + " character at index " + i + ": give a printable ASCII address (SMTPUTF8 is not supported)");
      }
    }
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      if (!address.equals(parsed.getAddress())) {
        throw new IllegalArgumentException("envelope " + role + " " + address + " is not a bare address: give only"
            + " the mailbox, e.g. " + parsed.getAddress());
      }
    } catch (AddressException e) {
      throw new IllegalArgumentException("envelope " + role + " " + address + " is not an e-mail address: "
          + e.getMessage(), e);
    }
  }

  private static String printable(String s) {
    return s.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
