package dev.mailtoken.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  private String envelopeFrom;
  private final List<String> recipients = new ArrayList<>();

  SmtpSession(SmtpEmulator emulator, Socket socket) {
    this.emulator = emulator;
    this.replies = emulator.replies();
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
    if (envelopeFrom != null) {
      return reply(replies.nestedMail());
    }
    String address = address(argument, "FROM:");
    if (address == null) {
      return reply(replies.syntaxError());
    }
    if (replies.gmail() && emulator.overDailyLimit(user)) {
      return reply(replies.dailyLimit());
    }
    envelopeFrom = address;
    return reply(replies.mailOk());
  }

  private boolean rcpt(String argument) throws IOException, InterruptedException {
    if (envelopeFrom == null) {
      return reply(replies.mailFirst());
    }
    String address = address(argument, "TO:");
    if (address == null || address.isEmpty()) {
      return reply(replies.syntaxError());
    }
    recipients.add(address);
    return reply(replies.rcptOk());
  }

  private boolean data() throws IOException, InterruptedException {
    if (envelopeFrom == null) {
      return reply(replies.mailFirst());
    }
    if (recipients.isEmpty()) {
      return reply(replies.rcptFirst());
    }
    reply(replies.startData());
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    while (true) {
      byte[] line = in.readLine(MAX_DATA_LINE);
      if (line == null) {
        throw new IOException("connection closed during DATA");
      }
      if (line.length == 1 && line[0] == '.') {
        break;
      }
      int skip = line.length > 0 && line[0] == '.' ? 1 : 0; // dot-unstuffing (RFC 5321 §4.5.2)
      if (data.size() <= replies.maxSize()) {
        data.write(line, skip, line.length - skip);
        data.write('\r');
        data.write('\n');
      }
    }
    String answer;
    if (data.size() > replies.maxSize()) {
      answer = replies.tooBig();
    } else if (!replies.gmail() && emulator.overDailyLimit(user)) {
      answer = replies.dailyLimit();
    } else {
      emulator.received(new ReceivedMessage(user, mechanism, envelopeFrom, recipients, data.toByteArray(),
          emulator.settings().clock().instant()));
      answer = replies.dataOk();
    }
    resetTransaction();
    return reply(answer);
  }

  /** The address in {@code FROM:<a> params} / {@code TO:<a>}; null on a syntax error. */
  private static String address(String argument, String prefix) {
    if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return null;
    }
    String rest = argument.substring(prefix.length()).trim();
    int close = rest.indexOf('>');
    if (!rest.startsWith("<") || close < 0) {
      return null;
    }
    return rest.substring(1, close);
  }

  private void resetTransaction() {
    envelopeFrom = null;
    recipients.clear();
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
