package dev.mailtoken.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailtoken serve}: runs the HTTP server on the store until the process is stopped
 * (Ctrl-C or SIGTERM: requests in flight finish first) or the command's thread is interrupted.
 * Prints the URL, and on the very first start on a database the admin token (only then). With
 * {@code --demo}, in-process emulators and a demo app on a temporary store ({@link DemoServer}).
 *
 * <p>Only the options live here; {@link ServerRun} does the work, so that building the command
 * line (which every {@code mailtoken} invocation does) never loads the server's classes.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the mailtoken server: HTTP API and admin pages over the store, keeping every account fresh.",
    footer = {"%nSettings: --config FILE (YAML), then MAILTOKEN_SERVER_* variables, then flags; a flag wins."
        + " Every key is in mailtoken-server/README.md.", "%nExamples:", "  mailtoken serve",
        "  mailtoken serve --demo", "  mailtoken serve --port 9000", "  mailtoken serve --config mailtoken.yaml",
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

  @Option(names = "--demo", description = "Start a Google-like OAuth2 provider and an SMTP server in this process"
      + " and register a demo app with them, on a temporary store (deleted at the end) unless --home or --db is"
      + " given; prints what to open and click. Nothing leaves 127.0.0.1.")
  boolean demo;

  @Override
  int execute() throws Exception {
    return new ServerRun(this).run();
  }
}
