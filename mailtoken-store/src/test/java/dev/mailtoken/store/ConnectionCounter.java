package dev.mailtoken.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The attacker's listener: a loopback server socket that accepts and counts connections (and
 * closes them at once). A tampered endpoint points here; the test asserts nobody came.
 */
final class ConnectionCounter implements AutoCloseable {
  private final ServerSocket socket;
  private final AtomicInteger connections = new AtomicInteger();

  ConnectionCounter() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accepter = new Thread(this::accept, "connection-counter");
    accepter.setDaemon(true);
    accepter.start();
  }

  /** An http URL on this listener with {@code path}. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  int port() {
    return socket.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        connections.incrementAndGet();
      } catch (IOException e) {
        return;   // closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
