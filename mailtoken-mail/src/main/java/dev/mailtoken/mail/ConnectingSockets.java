package dev.mailtoken.mail;

import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/**
 * The greeting timeout of one Jakarta Mail session's connections. Angus opens every connection
 * with the session's socket read timeout, which {@link SmtpServer} sets to its greeting timeout:
 * a server that never greets (implicit TLS reached as plain text) fails within it rather than the
 * read timeout. The session's socket factories ({@link PipeliningSocketFactory},
 * {@link TlsSocketFactory}) record here the plain socket each connecting thread opened, and
 * {@link TokenSmtpTransport} lengthens that socket's timeout to the read timeout once the greeting
 * is in (a TLS socket layered on it uses its timeout). Angus opens a connection on the thread that
 * connects, so one slot per thread suffices. Thread-safe; one per session.
 */
final class ConnectingSockets {
  static final String PROPERTY = "dev.mailtoken.mail.connectingSockets";

  private final ThreadLocal<Socket> opened = new ThreadLocal<>();

  /** Called by a factory on the connecting thread with the plain socket it made. */
  void opened(Socket plain) {
    opened.set(plain);
  }

  /** Sets the read timeout on the socket this thread opened last, and forgets it. */
  void greeted(Duration readTimeout) {
    Socket s = opened.get();
    opened.remove();
    if (s != null) {
      try {
        s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
      } catch (SocketException e) {
        // closed meanwhile: the next read fails on its own
      }
    }
  }

  /** Forgets this thread's socket (after a failed connection). */
  void forget() {
    opened.remove();
  }
}
