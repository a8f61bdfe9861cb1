package dev.mailtoken.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection: the command loop, STARTTLS, and the mail transaction. AUTH exchanges are
 * delegated to {@link SmtpAuthExchange}. Runs on its own thread; {@link #close()} may be called
 * from any thread. Never logs a token.
 */
final class SmtpSession implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);
  private static final int MAX_COMMAND = 64 * 1024;
  private static final int MAX_DATA_LINE = 1024 * 1024;

  final SmtpEmulator emulator;
  final SmtpReplies replies;
  private volatile Socket socket;
  private SmtpLineReader in;
  private OutputStream out;
  private boolean tls;
  private boolean greeted;
  /** Set by a successful AUTH. */
  String user;
  String mechanism;
  String slot;
  Instant expiresAt;
  private final SmtpTransaction transaction;

  SmtpSession(SmtpEmulator emulator, Socket socket) {
    this.emulator = emulator;
    this.replies = emulator.replies();
    this.transaction = new SmtpTransaction(replies.maxSize());
    this.socket = socket;
  }

  @Override
  public void run() {
    try {
      if (emulator.settings().tls() == TlsMode.IMPLICIT) {
        upgrade(false);
      } else {
        in = new SmtpLineReader(socket.getInputStream());
        out = socket.getOutputStream();
      }
      reply(replies.greeting());
      while (true) {
        byte[] line = in.readLine(MAX_COMMAND);
        if (line == null || !command(new String(line, StandardCharsets.UTF_8))) {
          break;
        }
      }
    } catch (IOException e) {
      log.debug("SMTP session ended: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("SMTP emulator session failed", e);
    } finally {
      close();
      emulator.ended(this);
    }
  }

  /** Handles one command; false when the connection must close. */
  private boolean command(String line) throws IOException, InterruptedException {
    int space = line.indexOf(' ');
    String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    String argument = space < 0 ? "" : line.substring(space + 1).trim();
    if (user != null && emulator.faults().closeExpiredSessions()
        && !emulator.settings().clock().instant().isBefore(expiresAt)) {
      reply(replies.sessionExpired());
      return false;
    }
    switch (verb) {
      case "EHLO":
      case "HELO":
        return hello(verb, argument);
      case "STARTTLS":
        return startTls();
      case "AUTH":
        return auth(argument);
      case "MAIL":
        return mail(argument);
      case "RCPT":
        return rcpt(argument);
      case "DATA":
        return data();
      case "BDAT":
        return bdat(argument);
      case "RSET":
        resetTransaction();
        return reply(replies.reset());
      case "NOOP":
        return reply(replies.noop());
      case "QUIT":
        releaseSlot(); // before the reply, so a client that saw 221 sees the slot free
        reply(replies.quit());
        return false;
      default:
        return reply(replies.unrecognized());
    }
  }

  private boolean hello(String verb, String argument) throws IOException, InterruptedException {
    if (argument.isEmpty()) {
      return reply(replies.syntaxError());
    }
    greeted = true;
    resetTransaction();
    String ip = socket.getInetAddress().getHostAddress();
    if (verb.equals("HELO")) {
      return reply(replies.helo(ip));
    }
    return reply(replies.ehlo(ip, emulator.settings().tls() == TlsMode.STARTTLS && !tls));
  }

  private boolean startTls() throws IOException, InterruptedException {
    if (emulator.settings().tls() == TlsMode.NONE) {
      return reply(replies.tlsUnavailable());
    }
    if (tls) {
      return reply(replies.tlsAlreadyActive());
    }
    if (!greeted && !replies.gmail()) {
      return reply(replies.sendHelloFirst());
    }
    reply(replies.startTls());
    upgrade(true);
    greeted = false; // RFC 3207: the client must EHLO again; earlier state is forgotten
    resetTransaction();
    return true;
  }

  private void upgrade(boolean afterStartTls) throws IOException {
    Socket plain = socket;
    SSLSocket ssl = (SSLSocket) emulator.serverTls().getSocketFactory()
        .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
    ssl.setUseClientMode(false);
    socket = ssl;
    ssl.startHandshake();
    tls = true;
    in = new SmtpLineReader(ssl.getInputStream());
    out = ssl.getOutputStream();
    log.debug("SMTP session upgraded to TLS ({})", afterStartTls ? "STARTTLS" : "implicit");
  }

  private boolean auth(String argument) throws IOException, InterruptedException {
    if (!greeted) {
      return reply(replies.sendHelloFirst());
    }
    if (emulator.settings().tls() == TlsMode.STARTTLS && !tls) {
      return reply(replies.startTlsFirst());
    }
    if (user != null) {
      return reply(replies.alreadyAuthenticated());
    }
    return new SmtpAuthExchange(this).run(argument);
  }

  private boolean mail(String argument) throws IOException, InterruptedException {
    if (!greeted) {
      return reply(replies.sendHelloFirst());
    }
    if (emulator.settings().tls() == TlsMode.STARTTLS && !tls) {
      return reply(replies.mailBeforeTls());
    }
    if (user == null) {
      return reply(replies.notAuthenticated());
    }
    if (transaction.started()) {
      return reply(replies.nestedMail());
    }
    String address = SmtpTransaction.address(argument, "FROM:");
    if (address == null) {
      return reply(replies.syntaxError());
    }
    if (replies.gmail() && emulator.overDailyLimit(user)) {
      return reply(replies.dailyLimit());
    }
    transaction.begin(address);
    return reply(replies.mailOk());
  }

  private boolean rcpt(String argument) throws IOException, InterruptedException {
    if (!transaction.started()) {
      return reply(replies.mailFirst());
    }
    String address = SmtpTransaction.address(argument, "TO:");
    if (address == null || address.isEmpty()) {
      return reply(replies.syntaxError());
    }
    if (emulator.unknownRecipient(address)) {
      return reply(replies.noSuchRecipient());
    }
    transaction.addRecipient(address);
    return reply(replies.rcptOk());
  }

  private boolean data() throws IOException, InterruptedException {
    if (!transaction.started()) {
      return reply(replies.mailFirst());
    }
    if (!transaction.hasRecipients()) {
      return reply(replies.rcptFirst());
    }
    if (emulator.faults().takeDataRefusal()) {
      resetTransaction();
      return reply(replies.dataRefused());
    }
    reply(replies.startData());
    byte[] crlf = {'\r', '\n'};
    while (true) {
      byte[] line = in.readLine(MAX_DATA_LINE);
      if (line == null) {
        throw new IOException("connection closed during DATA");
      }
      if (line.length == 1 && line[0] == '.') {
        break;
      }
      int skip = line.length > 0 && line[0] == '.' ? 1 : 0; // dot-unstuffing (RFC 5321 §4.5.2)
      transaction.append(line, skip, line.length - skip);
      transaction.append(crlf, 0, 2);
    }
    return reply(finish());
  }

  /** RFC 3030 {@code BDAT <size> [LAST]}: exactly size octets follow the command line. */
  private boolean bdat(String argument) throws IOException, InterruptedException {
    String[] parts = argument.split(" +");
    long size;
    try {
      size = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      return reply(replies.syntaxError());
    }
    boolean last = parts.length > 1 && parts[1].equalsIgnoreCase("LAST");
    if (size < 0 || size > replies.maxSize() || (parts.length > 1 && !last)) {
      return reply(replies.syntaxError());
    }
    byte[] chunk = in.read((int) size); // read even when refused: the octets are not commands
    if (chunk == null) {
      throw new IOException("connection closed during BDAT");
    }
    if (!transaction.started() || !transaction.hasRecipients()) {
      transaction.reset();
      return reply(transaction.started() ? replies.rcptFirst() : replies.mailFirst());
    }
    transaction.append(chunk, 0, chunk.length);
    return reply(last ? finish() : replies.chunkOk(size));
  }

  /** Ends the transaction: the final reply, the message recorded if accepted. */
  private String finish() {
    String answer;
    if (transaction.tooBig()) {
      answer = replies.tooBig();
    } else if (!replies.gmail() && emulator.overDailyLimit(user)) {
      answer = replies.dailyLimit();
    } else {
      emulator.received(new ReceivedMessage(user, mechanism, transaction.from(), transaction.recipients(),
          transaction.content(), emulator.settings().clock().instant()));
      answer = replies.dataOk();
    }
    transaction.reset();
    return answer;
  }

  private void resetTransaction() {
    transaction.reset();
  }

  /** Reads one line of a SASL exchange; null at end of stream. */
  String readSaslLine() throws IOException {
    byte[] line = in.readLine(MAX_COMMAND);
    return line == null ? null : new String(line, StandardCharsets.US_ASCII);
  }

  /** Writes a reply (lines joined by CRLF), after the slow-replies delay. Always true. */
  boolean reply(String text) throws IOException, InterruptedException {
    Duration delay = emulator.faults().replyDelay();
    if (!delay.isZero()) {
      // Real time on purpose, like the provider emulator's Fault.delay: it exists to test clients' read timeouts.
      Thread.sleep(delay.toMillis());
    }
    out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return true;
  }

  void releaseSlot() {
    String held = slot;
    slot = null;
    if (held != null) {
      emulator.access().release(held);
    }
  }

  /** Closes the socket (the session thread then ends); idempotent, any thread. */
  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("Closing an SMTP socket failed: {}", e.toString());
    }
  }
}
