package dev.mailtoken.testkit;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server a started {@link ProviderEmulator} runs on: 127.0.0.1 on an ephemeral port,
 * served by a cached pool of daemon threads (so hundreds of concurrent requests are served), and
 * the endpoint paths, known once the port is bound. Logs under {@code ProviderEmulator}'s logger.
 * {@link #stop} is called under the emulator's lock.
 */
final class EmulatorServer {
  private static final Logger log = LoggerFactory.getLogger(ProviderEmulator.class);

  private final HttpServer server;
  private final ExecutorService pool;
  private final EmulatorMode mode;
  final Paths paths;
  private boolean stopped;

  private EmulatorServer(HttpServer server, ExecutorService pool, EmulatorMode mode, Paths paths) {
    this.server = server;
    this.pool = pool;
    this.mode = mode;
    this.paths = paths;
  }

  /**
   * Binds 127.0.0.1 on an ephemeral port and serves every path with the handler made for its paths.
   *
   * @throws UncheckedIOException if the socket cannot be bound
   */
  static EmulatorServer start(EmulatorSettings settings, Function<Paths, HttpHandler> handler) {
    ExecutorService pool = Executors.newCachedThreadPool(new DaemonThreads("provider-emulator"));
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      Paths paths = new Paths(settings.mode(), base, settings.tenant());
      server.createContext("/", handler.apply(paths));
      server.setExecutor(pool);
      server.start();
      log.info("Provider emulator ({}) listening on {}", settings.mode(), base);
      return new EmulatorServer(server, pool, settings.mode(), paths);
    } catch (IOException e) {
      pool.shutdownNow();
      throw new UncheckedIOException("cannot bind the provider emulator to 127.0.0.1", e);
    }
  }

  /** Stops the server at once (in-flight requests are cut) and its threads. Idempotent. */
  void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    server.stop(0);
    pool.shutdownNow();
    log.info("Provider emulator ({}) on {} stopped", mode, paths.base());
  }
}
