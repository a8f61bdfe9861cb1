package dev.mailtoken.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * The envelope commands of one RFC 2920 pipelined send: {@code MAIL FROM}, every {@code RCPT TO}
 * and, with exactly one recipient, {@code DATA}, written together before any reply is read.
 *
 * <p>{@link TokenSmtpTransport} writes them all up front, then lets Angus's own
 * {@code mailFrom()}/{@code rcptTo()}/{@code data()} run unchanged: each command Angus issues is
 * matched against the next one already written ({@link #replay}) and not written again, and Angus
 * reads its reply as usual — the replies arrive in command order, so Angus's bookkeeping (valid and
 * invalid addresses, RSET after a failure, the exceptions it throws) is exactly that of an
 * unpipelined send. Only the simple case is planned ({@link #plan}); anything Angus would add to
 * the envelope (DSN, 8BITMIME, SMTPUTF8, {@code mail.smtp.from}, BDAT, an {@code SMTPMessage})
 * keeps Angus's unpipelined path. With several recipients {@code DATA} is not pipelined: a server
 * that refused only some of them would answer {@code 354}, and a client cannot leave data mode
 * without sending a message.
 *
 * <p>Not thread-safe: one per send, confined to the transport's lock.
 */
final class SmtpPipeline {
  /** Session properties that change Angus's envelope commands or data path. */
  private static final List<String> ENVELOPE_OPTIONS = List.of("mail.smtp.from", "mail.smtp.dsn.notify",
      "mail.smtp.dsn.ret", "mail.smtp.submitter", "mail.smtp.mailextension", "mail.smtp.allow8bitmime",
      "mail.smtp.chunksize");

  private final List<String> commands;
  private final Deque<String> unanswered;
  private boolean broken;

  private SmtpPipeline(List<String> commands) {
    this.commands = List.copyOf(commands);
    this.unanswered = new ArrayDeque<>(commands);
  }

  /**
   * The commands to pipeline for this send, or empty when the send must take Angus's own path.
   *
   * @param advertised whether the server advertised {@code PIPELINING} in its (last) EHLO reply
   */
  static Optional<SmtpPipeline> plan(Session session, boolean advertised, Message message, Address[] addresses)
      throws MessagingException {
    if (!advertised || !(message instanceof MimeMessage) || message instanceof SMTPMessage
        || addresses == null || addresses.length == 0) {
      return Optional.empty();
    }
    for (String option : ENVELOPE_OPTIONS) {
      if (session.getProperty(option) != null) {
        return Optional.empty();
      }
    }
    if (Boolean.parseBoolean(session.getProperty("mail.mime.allowutf8"))) {
      return Optional.empty();
    }
    Address[] from = message.getFrom();
    if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress)) {
      return Optional.empty();
    }
    List<String> commands = new ArrayList<>();
    // The same text Angus's mailFrom()/rcptTo() build for the simple case; replay() checks it.
    commands.add("MAIL FROM:" + normalize(((InternetAddress) from[0]).getAddress()));
    for (Address a : addresses) {
      if (!(a instanceof InternetAddress) || ((InternetAddress) a).isGroup()) {
        return Optional.empty();
      }
      commands.add("RCPT TO:" + normalize(((InternetAddress) a).getAddress()));
    }
    if (addresses.length == 1) {
      commands.add("DATA");
    }
    return Optional.of(new SmtpPipeline(commands));
  }

  /** Angus's {@code normalizeAddress}: angle brackets unless the address already has them. */
  private static String normalize(String address) {
    return !address.startsWith("<") && !address.endsWith(">") ? "<" + address + ">" : address;
  }

  /** The commands to write, in order, before any reply is read. */
  List<String> commands() {
    return commands;
  }

  /** True while some written command's reply has not yet been asked for. */
  boolean pending() {
    return !unanswered.isEmpty();
  }

  /** The oldest written command whose reply has not been asked for. */
  String next() {
    return unanswered.peek();
  }

  /**
   * True when {@code command} is the next written command: it is not written again, and the next
   * reply read answers it.
   */
  boolean replay(String command) {
    if (command.equals(unanswered.peek())) {
      unanswered.poll();
      return true;
    }
    return false;
  }

  /** True once the connection was given up: nothing more may be written on it. */
  boolean broken() {
    return broken;
  }

  void breakOff() {
    broken = true;
    unanswered.clear();
  }

  /** Marks the oldest unanswered command as answered (its reply read and set aside). */
  String skip() {
    return unanswered.poll();
  }
}
