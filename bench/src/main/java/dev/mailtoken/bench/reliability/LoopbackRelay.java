package dev.mailtoken.bench.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP listener on 127.0.0.1 that either relays each connection to an upstream loopback port, or
 * (while {@link #hang} is on, or always without an upstream) accepts it, reads what is sent and
 * never answers: a provider or database host that hangs. Unlike the emulator's delay, a hung
 * request never reaches the provider, so nothing is rotated behind the client's back. Thread-safe.
 */
final class LoopbackRelay implements AutoCloseable {
  private final ServerSocket server;
  private final Optional<Integer> upstream;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger hung = new AtomicInteger();
  private volatile boolean hang;

  private LoopbackRelay(Optional<Integer> upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon(this::acceptLoop, "relay-accept-" + server.getLocalPort());
  }

  /** Relays to {@code 127.0.0.1:upstreamPort} until {@link #hang} is switched on. */
  static LoopbackRelay to(int upstreamPort) throws IOException {
    return new LoopbackRelay(Optional.of(upstreamPort));
  }

  /** A listener that accepts every connection and never answers. */
  static LoopbackRelay neverAnswering() throws IOException {
    return new LoopbackRelay(Optional.empty());
  }

  int port() {
    return server.getLocalPort();
  }

  /** From now on new connections hang ({@code true}) or are relayed again ({@code false}). */
  void hang(boolean on) {
    hang = on;
  }

  /** Connections accepted and never answered (one request each: nothing is answered on them). */
  int hungConnections() {
    return hung.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        if (hang || upstream.isEmpty()) {
          hung.incrementAndGet();
          daemon(() -> drain(client), "relay-hang");
        } else {
          Socket up = new Socket();
          up.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream.get()), 2000);
          open.add(up);
          daemon(() -> pump(client, up), "relay-up");
          daemon(() -> pump(up, client), "relay-down");
        }
      } catch (IOException e) {
        // closed, or the upstream refused: the client sees its connection dropped
      }
    }
  }

  private void drain(Socket client) {
    try (client; InputStream in = client.getInputStream()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client gave up
    } finally {
      open.remove(client);
    }
  }

  private void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void closeQuietly(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    open.forEach(this::closeQuietly);
  }
}
