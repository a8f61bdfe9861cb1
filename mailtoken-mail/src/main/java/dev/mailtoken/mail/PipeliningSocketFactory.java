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
 * records are held the same way. Stateless and thread-safe.
 */
final class PipeliningSocketFactory extends SocketFactory {
  private final boolean holdWrites;

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
    this.holdWrites = holdWrites;
  }

  @Override
  public Socket createSocket() throws IOException {
    Socket s = holdWrites ? new WriteBehindSocket() : new Socket();
    s.setTcpNoDelay(true);
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
