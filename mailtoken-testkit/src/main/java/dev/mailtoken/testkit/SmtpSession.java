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
 * One SMTP connection: the command loop, greeting and STARTTLS. AUTH exchanges are delegated to
 * {@link SmtpAuthExchange}, the mail transaction to {@link SmtpMailCommands}. Runs on its own thread; {@link #close()} may be called
 * from any thread. Never logs a token.
 */
final class SmtpSession implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);
  private static final int MAX_COMMAND = 64 * 1024;

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
  private final SmtpMailCommands mail;

  SmtpSession(SmtpEmulator emulator, Socket socket) {
    this.emulator = emulator;
    this.replies = emulator.replies();
    this.transaction = new SmtpTransaction(replies.maxSize());
    this.mail = new SmtpMailCommands(this, transaction);
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
        return mail.mail(argument);
      case "RCPT":
        return mail.rcpt(argument);
      case "DATA":
        return mail.data();
      case "BDAT":
        return mail.bdat(argument);
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

  private void resetTransaction() {
    transaction.reset();
  }

  /** Whether the client said EHLO or HELO (again after STARTTLS). */
  boolean greeted() {
    return greeted;
  }

  /** Whether the connection is encrypted (implicit TLS or after STARTTLS). */
  boolean tls() {
    return tls;
  }

  /** The connection's input, for a command that reads more than its line (DATA, BDAT). */
  SmtpLineReader in() {
    return in;
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
