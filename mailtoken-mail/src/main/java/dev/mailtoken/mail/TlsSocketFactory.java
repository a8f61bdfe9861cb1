package dev.mailtoken.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The session's TLS sockets: those of the configured {@code SSLContext} (or the JDK default),
 * layered by Angus over a plain socket it connected (implicit TLS from the first byte, or after
 * STARTTLS). Records that plain socket in {@link ConnectingSockets}, whose timeout governs the
 * TLS socket's reads. Thread-safe.
 */
final class TlsSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final ConnectingSockets sockets;

  TlsSocketFactory(SSLSocketFactory delegate, ConnectingSockets sockets) {
    this.delegate = delegate;
    this.sockets = sockets;
  }

  @Override
  public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
    sockets.opened(plain);
    return delegate.createSocket(plain, host, port, autoClose);
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket() throws IOException {
    return delegate.createSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return delegate.createSocket(host, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return delegate.createSocket(address, port, localAddress, localPort);
  }
}
