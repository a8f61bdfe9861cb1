package dev.mailtoken.cli;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The message {@code mailtoken send} builds from its options: addresses, subject, a body (text,
 * HTML, a file or standard input), extra header fields and attachments. Everything that can be
 * wrong with them locally (an address that is no address, a header field that is not one, a body
 * or attachment file that cannot be read) is found when the composer is made — a usage error
 * naming the option and value — so nothing is sent and no connection opened for a message that
 * cannot be built. Immutable once made; {@link #compose()} builds a new message each time.
 */
final class MessageComposer {
  private final InternetAddress from;
  private final List<InternetAddress> to;
  private final List<InternetAddress> cc;
  private final List<InternetAddress> bcc;
  private final List<InternetAddress> replyTo;
  private final String subject;
  private final MessageBody body;
  private final List<HeaderField> headers;
  private final List<Path> attachments;

  /**
   * @param addresses {@code from}, {@code to}, {@code cc}, {@code bcc}, {@code replyTo} as given
   *     (lists may be null)
   * @throws CliException (usage) naming what is wrong
   */
  MessageComposer(Addresses addresses, String subject, MessageBody body, List<String> headers, List<Path> attachments) {
    this.from = address("--from", addresses.from());
    this.to = addresses("--to", addresses.to());
    this.cc = addresses("--cc", addresses.cc());
    this.bcc = addresses("--bcc", addresses.bcc());
    this.replyTo = addresses("--reply-to", addresses.replyTo());
    if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "send needs a recipient: --to ADDR (or --cc, --bcc)",
          "or send a ready-made message with --raw FILE, whose header fields name the recipients");
    }
    if (subject == null) {
      throw new CliException(ExitCode.USAGE, "send needs --subject TEXT (it may be empty: --subject '')");
    }
    this.subject = subject;
    this.body = body;
    this.headers = headers == null ? List.of() : headers.stream().map(HeaderField::parse).toList();
    this.attachments = attachments == null ? List.of() : List.copyOf(attachments);
    for (Path file : this.attachments) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new CliException(ExitCode.USAGE, "cannot attach " + file + ": " + (Files.exists(file)
            ? "it is not a readable file" : "there is no such file"), "nothing was sent");
      }
    }
  }

  /** The addresses as given on the command line; any may be null. */
  record Addresses(String from, List<String> to, List<String> cc, List<String> bcc, List<String> replyTo) {
  }

  /** A new message with every part; the Bcc recipients are in it, and the transport leaves them out of the data. */
  MimeMessage compose() throws MessagingException, IOException {
    MimeMessage message = new KeepsMessageId(Session.getInstance(new Properties()));
    message.setFrom(from);
    recipients(message, Message.RecipientType.TO, to);
    recipients(message, Message.RecipientType.CC, cc);
    recipients(message, Message.RecipientType.BCC, bcc);
    if (!replyTo.isEmpty()) {
      message.setReplyTo(replyTo.toArray(InternetAddress[]::new));
    }
    message.setSubject(subject, "UTF-8");
    for (HeaderField h : headers) {
      message.addHeader(h.name(), h.encodedValue());
    }
    if (attachments.isEmpty()) {
      message.setText(body.text(), "UTF-8", body.subtype());
      return message;
    }
    MimeBodyPart main = new MimeBodyPart();
    main.setText(body.text(), "UTF-8", body.subtype());
    MimeMultipart mixed = new MimeMultipart("mixed");
    mixed.addBodyPart(main);
    for (Path file : attachments) {
      MimeBodyPart part = new MimeBodyPart();
      part.attachFile(file.toFile());
      mixed.addBodyPart(part);
    }
    message.setContent(mixed);
    return message;
  }

  private static void recipients(MimeMessage message, Message.RecipientType type, List<InternetAddress> list)
      throws MessagingException {
    if (!list.isEmpty()) {
      message.addRecipients(type, list.toArray(InternetAddress[]::new));
    }
  }

  private static InternetAddress address(String option, String value) {
    if (value == null) {
      throw new CliException(ExitCode.USAGE, "send needs " + option + " ACCOUNT",
          "or send a ready-made message with --raw FILE, whose From field names the account");
    }
    return addresses(option, List.of(value)).get(0);
  }

  private static List<InternetAddress> addresses(String option, List<String> values) {
    List<InternetAddress> parsed = new ArrayList<>();
    if (values == null) {
      return parsed;
    }
    for (String value : values) {
      try {
        InternetAddress a = new InternetAddress(value.strip(), true);
        if (a.getAddress().indexOf('@') <= 0) {
          throw new AddressException("no @domain");
        }
        parsed.add(a);
      } catch (AddressException e) {
        throw new CliException(ExitCode.USAGE, option + " " + value.strip() + " is not a mail address ("
            + e.getMessage() + ")", "write name@example.com or 'Name <name@example.com>'; separate several with commas");
      }
    }
    return parsed;
  }

  /** Keeps a {@code Message-ID} given with {@code --header}; Jakarta Mail would replace it when saving. */
  private static final class KeepsMessageId extends MimeMessage {
    KeepsMessageId(Session session) {
      super(session);
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      if (getHeader("Message-ID") == null) {
        super.updateMessageID();
      }
    }
  }

  /** {@code plain} or {@code html}; lower case, as {@code setText} wants it. */
  static String subtypeOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".html") || name.endsWith(".htm") ? "html" : "plain";
  }
}
