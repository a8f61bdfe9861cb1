package dev.mailtoken.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback listener that counts the connections it gets and closes each at once, used as the
 * HTTP proxy of a client under test: whatever request would leave the machine lands here instead,
 * without a DNS lookup (the proxy, not the client, would resolve the name). A test that expects a
 * request to be refused asserts {@link #connections()} is zero. Thread-safe; close after the test.
 */
public final class ConnectionTrap implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();

  private ConnectionTrap(ServerSocket server) {
    this.server = server;
    Thread acceptor = new Thread(this::accept, "connection-trap-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts listening on an ephemeral loopback port. */
  public static ConnectionTrap start() {
    try {
      return new ConnectionTrap(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback", e);
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        connections.incrementAndGet();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** A client (no redirects) whose every request goes to this trap as its proxy. */
  public HttpClient client() {
    return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .proxy(ProxySelector.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort())))
        .build();
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
