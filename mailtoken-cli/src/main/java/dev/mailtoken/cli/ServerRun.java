package dev.mailtoken.cli;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.ConfigKey;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerConfig;
import dev.mailtoken.server.apitoken.CreatedApiToken;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@code mailtoken serve} does once its options are parsed: reads the settings, starts the
 * server on the store, prints where it is, waits for the stop signal, stops gracefully. Not
 * thread-safe (one command).
 */
final class ServerRun {
  /** What to print once the server listens. */
  @FunctionalInterface
  interface Announcement {
    void print(MailtokenServer server, PrintWriter out) throws MailtokenException;
  }

  private final ServeCommand command;
  private final Main main;
  /** Counted down when the whole command is done (store closed, demo files deleted): a shutdown hook waits for it. */
  private final CountDownLatch finished = new CountDownLatch(1);

  ServerRun(ServeCommand command) {
    this.command = command;
    this.main = command.main();
  }

  int run() throws Exception {
    try {
      ServerConfig config = ServerConfig.load(Optional.ofNullable(command.config), main.context().env(), flags());
      if (command.demo) {
        return new DemoServer(main, command.out(), command.err()).run(config, this);
      }
      try (StoreAccess access = main.openOrCreateStore(command.err())) {
        return serve(access, config, ServerRun::announce);
      }
    } finally {
      finished.countDown();
    }
  }

  /** Starts the server on {@code access}'s store, prints {@code announcement}, waits for the stop signal, stops. */
  int serve(StoreAccess access, ServerConfig config, Announcement announcement) throws Exception {
    PrintWriter out = command.out();
    MailtokenServer server = new MailtokenServer(config, access.store(), main.oauthClient(), main.context().clock());
    server.start();
    try {
      announcement.print(server, out);
      out.println("Stop with Ctrl-C.");
      out.flush();
      awaitStop(server);
    } finally {
      server.stop();
    }
    out.println("mailtoken server stopped");
    return ExitCode.OK.code();
  }

  static void announce(MailtokenServer server, PrintWriter out) {
    out.println("mailtoken server listening on " + server.url());
    out.println("  health: " + server.url() + "/health/ready");
    out.println("  admin pages: " + server.url() + "/admin (log in with an admin API token or the admin password)");
    server.firstAdminToken().ifPresent(t -> printFirstToken(t, out));
  }

  static void printFirstToken(CreatedApiToken t, PrintWriter out) {
    out.println("First start on this database: an admin API token was created. It is shown only now; keep it:");
    out.println("  " + t.value().reveal());
    out.println("  (id " + t.token().id() + "; more tokens: mailtoken api-tokens create)");
  }

  /**
   * Waits for the JVM's shutdown (Ctrl-C, SIGTERM) or an interrupt of this thread. On shutdown the
   * hook stops the server, then holds the JVM until the command has finished (store closed, a
   * demo's temporary store deleted), at most 30 seconds.
   */
  private void awaitStop(MailtokenServer server) {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.stop();
      stopped.countDown();
      try {
        finished.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "mailtoken-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // The stop signal of an embedding thread: handled here by stopping, so the flag is not kept
      // (it would cut the graceful stop and the store's close short).
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it waits for finished
      }
    }
  }

  private Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>(command.settings);
    put(f, ConfigKey.HOST, command.host);
    put(f, ConfigKey.PORT, command.port == null ? null : command.port.toString());
    put(f, ConfigKey.PUBLIC_URL, command.publicUrl);
    put(f, ConfigKey.TLS_CERTIFICATE, command.tlsCertificate == null ? null : command.tlsCertificate.toString());
    put(f, ConfigKey.TLS_PRIVATE_KEY, command.tlsPrivateKey == null ? null : command.tlsPrivateKey.toString());
    put(f, ConfigKey.TLS_KEYSTORE, command.tlsKeystore == null ? null : command.tlsKeystore.toString());
    put(f, ConfigKey.TLS_MIN_VERSION, command.tlsMinVersion);
    put(f, ConfigKey.TRUSTED_PROXIES, command.trustedProxies.isEmpty() ? null : String.join(",",
        command.trustedProxies));
    return f;
  }

  private static void put(Map<String, String> f, ConfigKey key, String value) {
    if (value != null) {
      f.put(key.key(), value);
    }
  }
}
