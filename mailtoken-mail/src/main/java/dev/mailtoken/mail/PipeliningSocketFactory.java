package dev.mailtoken.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets for pipelined SMTP ({@link WriteBehindSocket}): what the client writes is held
 * until it next reads, so commands written back to back — a pipelined MAIL, RCPT and DATA; the
 * message data and its final dot — leave in one write instead of one segment per command (Angus
 * flushes each), and {@code TCP_NODELAY} sends that write at once rather than after the server's
 * acknowledgement of the previous one (Nagle's algorithm). Angus makes the connection's first
 * socket with it ({@code mail.smtp.socketFactory}) and layers STARTTLS over that socket, whose
 * records are held the same way. Each socket is recorded in the session's {@link ConnectingSockets}
 * for its greeting timeout. Without pipelining the session uses it too, for plain sockets that
 * neither hold writes nor set {@code TCP_NODELAY}. Thread-safe.
 */
final class PipeliningSocketFactory extends SocketFactory {
  private final boolean holdWrites;
  private final boolean noDelay;
  private final ConnectingSockets sockets;

  /** Sockets that hold writes until the next read. */
  PipeliningSocketFactory() {
    this(true);
  }

  /**
   * @param holdWrites false for plain {@code TCP_NODELAY} sockets: when Angus enforces a write
   *     timeout ({@code mail.smtp.writetimeout}) it wraps the socket's output, and a write held
   *     until the next read would leave that timeout's reach
   */
  PipeliningSocketFactory(boolean holdWrites) {
    this(holdWrites, true, null);
  }

  /**
   * @param noDelay whether sockets get {@code TCP_NODELAY} (without pipelining: false, as Angus's own)
   * @param sockets where each socket made is recorded for its greeting timeout, or null
   */
  PipeliningSocketFactory(boolean holdWrites, boolean noDelay, ConnectingSockets sockets) {
    this.holdWrites = holdWrites;
    this.noDelay = noDelay;
    this.sockets = sockets;
  }

  /** The same kind of sockets, but plain {@code TCP_NODELAY} ones instead of write-behind ones. */
  PipeliningSocketFactory withoutHeldWrites() {
    return new PipeliningSocketFactory(false, noDelay, sockets);
  }

  /** Whether the sockets hold writes until the next read. */
  boolean holdsWrites() {
    return holdWrites;
  }

  @Override
  public Socket createSocket() throws IOException {
    Socket s = holdWrites ? new WriteBehindSocket() : new Socket();
    if (noDelay) {
      s.setTcpNoDelay(true);
    }
    if (sockets != null) {
      sockets.opened(s);
    }
    return s;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(null, new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(null, new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
  }

  private Socket connected(InetSocketAddress local, InetSocketAddress remote) throws IOException {
    Socket s = createSocket();
    if (local != null) {
      s.bind(local);
    }
    s.connect(remote);
    return s;
  }
}
