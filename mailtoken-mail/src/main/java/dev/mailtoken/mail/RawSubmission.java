package dev.mailtoken.mail;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Raw message bytes with their {@link Envelope}: SMTP sends the bytes as they are to the envelope's
 * recipients; an HTTP API, which delivers to the recipients the headers name, gets the bytes with
 * a {@code Bcc} field added for envelope recipients the headers do not name (the API removes it
 * before delivery), and refuses a message whose headers name recipients the envelope does not.
 * The bytes are not copied. Confined to the sending thread.
 */
final class RawSubmission implements Submission {
  private static final List<String> RECIPIENT_FIELDS = List.of("To", "Cc", "Bcc");

  private final String account;
  private final Envelope envelope;
  private final byte[] bytes;
  private final RawHeaders headers;
  private final Session session;

  RawSubmission(String account, Envelope envelope, byte[] bytes, Session session) {
    this.account = account;
    this.envelope = envelope;
    this.bytes = bytes;
    this.headers = RawHeaders.read(bytes);
    this.session = session;
  }

  @Override
  public String account() {
    return account;
  }

  @Override
  public String messageId() {
    return headers.first("Message-ID").orElse("");
  }

  @Override
  public MimeMessage smtpMessage() {
    return new RawMimeMessage(session, address(envelope.sender()), bytes);
  }

  @Override
  public Address[] smtpRecipients() {
    List<String> recipients = envelope.recipients();
    Address[] addresses = new Address[recipients.size()];
    for (int i = 0; i < addresses.length; i++) {
      addresses[i] = address(recipients.get(i));
    }
    return addresses;
  }

  @Override
  public byte[] apiBytes(String api) {
    Set<String> named = headerRecipients();
    Set<String> wanted = new LinkedHashSet<>();
    List<String> missing = new ArrayList<>();
    for (String r : envelope.recipients()) {
      String key = r.toLowerCase(Locale.ROOT);
      wanted.add(key);
      if (!named.contains(key)) {
        missing.add(r);
      }
    }
    named.removeAll(wanted);
    if (!named.isEmpty()) {
      throw new IllegalArgumentException(api + " delivers to every To, Cc and Bcc address of the message, and its"
          + " headers name " + named + ", which the envelope does not: remove them from the headers, add them to the"
          + " envelope, or send over SMTP, which delivers to the envelope's recipients only");
    }
    if (missing.isEmpty()) {
      return bytes;
    }
    String eol = headers.lineEnding();
    byte[] bcc = ("Bcc: " + String.join("," + eol + " ", missing) + eol).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[bcc.length + bytes.length];
    System.arraycopy(bcc, 0, out, 0, bcc.length);
    System.arraycopy(bytes, 0, out, bcc.length, bytes.length);
    return out;
  }

  /** The lower-cased addresses of the To, Cc and Bcc fields (group members included). */
  private Set<String> headerRecipients() {
    Set<String> named = new LinkedHashSet<>();
    for (String field : RECIPIENT_FIELDS) {
      for (String value : headers.all(field)) {
        try {
          for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
            for (InternetAddress member : a.isGroup() ? a.getGroup(false) : new InternetAddress[] {a}) {
              named.add(member.getAddress().toLowerCase(Locale.ROOT));
            }
          }
        } catch (AddressException e) {
          throw new IllegalArgumentException("the message's " + field + " field cannot be read (" + e.getMessage()
              + "), so the recipients an HTTP API would deliver to are unknown: fix the field or send over SMTP", e);
        }
      }
    }
    return named;
  }

  /** An address the {@link Envelope} already checked. */
  private static InternetAddress address(String checked) {
    try {
      return new InternetAddress(checked, true);
    } catch (AddressException e) {
      throw new IllegalStateException("the envelope accepted " + checked + " but Jakarta Mail does not", e);
    }
  }
}
