package dev.mailtoken.cli;

import dev.mailtoken.server.ConfigKey;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailtoken serve}: runs the HTTP server on the store until the process is stopped
 * (Ctrl-C or SIGTERM: requests in flight finish first) or the command's thread is interrupted.
 * Prints the URL, and on the very first start on a database the admin token (only then).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the mailtoken server: HTTP API and web UI over the store, keeping every account fresh.",
    footer = {"%nSettings: --config FILE (YAML), then MAILTOKEN_SERVER_* variables, then flags; a flag wins."
        + " Every key is in mailtoken-server/README.md.", "%nExamples:", "  mailtoken serve",
        "  mailtoken serve --port 9000", "  mailtoken serve --config mailtoken.yaml",
        "  mailtoken serve --host 0.0.0.0 --tls-certificate cert.pem --tls-private-key key.pem",
        "  mailtoken serve --set max-body-size=1m", ExitCode.FOOTER})
final class ServeCommand extends Verb {
  @Option(names = "--config", paramLabel = "FILE", description = "A YAML file with the server's settings.")
  Path config;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Listen address (default 127.0.0.1).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default 8025; 0 for any free port).")
  Integer port;

  @Option(names = "--public-url", paramLabel = "URL", description = "The URL people reach the server at.")
  String publicUrl;

  @Option(names = "--tls-certificate", paramLabel = "PEM", description = "Certificate chain (PEM).")
  Path tlsCertificate;

  @Option(names = "--tls-private-key", paramLabel = "PEM", description = "PKCS#8 private key (PEM).")
  Path tlsPrivateKey;

  @Option(names = "--tls-keystore", paramLabel = "P12", description = "PKCS12 key store (instead of PEM files);"
      + " its password from MAILTOKEN_SERVER_TLS_KEYSTORE_PASSWORD.")
  Path tlsKeystore;

  @Option(names = "--tls-min-version", paramLabel = "VERSION", description = "TLSv1.2 (default) or TLSv1.3.")
  String tlsMinVersion;

  @Option(names = "--trusted-proxy", paramLabel = "IP", description = "A TLS-terminating proxy in front (repeatable).")
  List<String> trustedProxies = new ArrayList<>();

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting by its key (repeatable).")
  Map<String, String> settings = new LinkedHashMap<>();

  @Override
  int execute() throws Exception {
    ServerConfig serverConfig = ServerConfig.load(Optional.ofNullable(config), main().context().env(), flags());
    try (StoreAccess access = main().openStore(err())) {
      MailtokenServer server = new MailtokenServer(serverConfig, access.store(), main().oauthClient(),
          main().context().clock());
      server.start();
      try {
        announce(server);
        awaitStop(server);
      } finally {
        server.stop();
      }
      out().println("mailtoken server stopped");
      return ExitCode.OK.code();
    }
  }

  private void announce(MailtokenServer server) {
    out().println("mailtoken server listening on " + server.url());
    out().println("  health: " + server.url() + "/health/ready");
    server.firstAdminToken().ifPresent(t -> {
      out().println("First start on this database: an admin API token was created. It is shown only now; keep it:");
      out().println("  " + t.value().reveal());
      out().println("  (id " + t.token().id() + "; more tokens: mailtoken api-tokens create)");
    });
    out().println("Stop with Ctrl-C.");
    out().flush();
  }

  /** Waits for the JVM's shutdown (Ctrl-C, SIGTERM) or an interrupt of this thread. */
  private static void awaitStop(MailtokenServer server) {
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch cleanedUp = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.stop();
      stopped.countDown();
      try {
        cleanedUp.await(30, TimeUnit.SECONDS);   // let the command close the store before the JVM exits
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
        // the hook is running: it waits for cleanedUp
      }
      cleanedUp.countDown();
    }
  }

  private Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>(settings);
    put(f, ConfigKey.HOST, host);
    put(f, ConfigKey.PORT, port == null ? null : port.toString());
    put(f, ConfigKey.PUBLIC_URL, publicUrl);
    put(f, ConfigKey.TLS_CERTIFICATE, tlsCertificate == null ? null : tlsCertificate.toString());
    put(f, ConfigKey.TLS_PRIVATE_KEY, tlsPrivateKey == null ? null : tlsPrivateKey.toString());
    put(f, ConfigKey.TLS_KEYSTORE, tlsKeystore == null ? null : tlsKeystore.toString());
    put(f, ConfigKey.TLS_MIN_VERSION, tlsMinVersion);
    put(f, ConfigKey.TRUSTED_PROXIES, trustedProxies.isEmpty() ? null : String.join(",", trustedProxies));
    return f;
  }

  private static void put(Map<String, String> f, ConfigKey key, String value) {
    if (value != null) {
      f.put(key.key(), value);
    }
  }
}
