package dev.mailtoken.cli;

import dev.mailtoken.Secret;
import dev.mailtoken.store.StoreHome;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.ReceivedMessage;
import dev.mailtoken.testkit.SmtpEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code mailtoken demo}: the whole lifecycle on a machine with no provider account. Starts the
 * testkit's Google-like provider and SMTP server in-process, then drives this very CLI: apps add,
 * authorize (an HTTP client plays the browser; the emulator consents), accounts show, a forced
 * refresh, send, and the message as the SMTP server received it. Uses a temporary home, deleted at
 * the end, unless {@code --home} is given.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole flow offline against the built-in Google-like emulator and SMTP server.",
    footer = {"%nNothing leaves 127.0.0.1; no account anywhere is needed.", "%nExamples:", "  mailtoken demo",
        "  mailtoken demo --home /tmp/mt-demo   # keep the store afterwards", ExitCode.FOOTER})
final class DemoCommand extends Verb {
  static final String APP = "demo";
  static final String MAILBOX = "demo@example.com";
  private static final String SECRET_VARIABLE = "MAILTOKEN_DEMO_CLIENT_SECRET";

  @Override
  int execute() throws Exception {
    boolean temporary = main().homeOption().isEmpty();
    Path home = temporary ? Files.createTempDirectory("mailtoken-demo-") : main().homeOption().get();
    String clientSecret = randomSecret();
    try (ProviderEmulator provider = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE)
            .clock(main().context().clock()).defaultUser(MAILBOX).build().start();
        SmtpEmulator smtp = SmtpEmulator.builder(provider).start()) {
      provider.registerClient(ClientRegistration.desktop("demo-app.apps.googleusercontent.com", clientSecret)
          .redirectUri("http://127.0.0.1/callback").build());
      out().println("Started a Google-like OAuth2 provider at " + provider.baseUri() + " and an SMTP server (STARTTLS,"
          + " XOAUTH2) at " + smtp.host() + ":" + smtp.port() + ".");
      out().println("Store: " + home + (temporary ? " (temporary, deleted at the end)" : ""));
      List<String> outcomes = steps(provider, smtp, innerContext(home, clientSecret, smtp), home);
      out().println();
      out().println("Summary: " + String.join(", ", outcomes));
      boolean ok = outcomes.stream().allMatch(o -> o.endsWith(" ok"));
      out().println(ok ? "Demo finished: every step worked." : "Demo finished with failures (see above).");
      return ok ? ExitCode.OK.code() : ExitCode.FAILURE.code();
    } finally {
      if (temporary) {
        deleteTree(home);
      }
    }
  }

  /** The inner CLI's surroundings: the demo home, the app's secret, the HTTP "browser", the emulator's TLS trust. */
  private CliContext innerContext(Path home, String clientSecret, SmtpEmulator smtp) {
    Map<String, String> env = new HashMap<>();
    env.put(StoreHome.HOME_VARIABLE, home.toAbsolutePath().toString());
    if (main().dbOption()) {
      env.put(StoreHome.DB_VARIABLE, main().effectiveEnv().get(StoreHome.DB_VARIABLE));
    }
    env.put(SECRET_VARIABLE, clientSecret);
    return main().context().withEnv(env).withBrowser(new HttpBrowser()).withSmtpTrust(smtp.clientSslContext());
  }

  /** Runs the six steps; returns one "name ok|FAILED(code)" outcome per step. */
  private List<String> steps(ProviderEmulator provider, SmtpEmulator smtp, CliContext inner, Path home)
      throws IOException {
    List<String> outcomes = new ArrayList<>();
    step(1, "register the app (client secret read from an environment variable, stored encrypted)");
    run(inner, outcomes, "apps add", "apps", "add", APP, "--provider", "google", "--client-id",
        "demo-app.apps.googleusercontent.com", "--client-secret-env", SECRET_VARIABLE,
        "--authorization-endpoint", provider.authorizationEndpoint().toString(),
        "--token-endpoint", provider.tokenEndpoint().toString(),
        "--revocation-endpoint", provider.revocationEndpoint().toString(),
        "--userinfo-endpoint", provider.userinfoEndpoint().toString(),
        "--smtp-host", smtp.host(), "--smtp-port", Integer.toString(smtp.port()));

    step(2, "authorize: loopback listener, PKCE, state; an HTTP client plays the browser, the emulator consents");
    run(inner, outcomes, "authorize", "authorize", "--app", APP, "--account", MAILBOX, "--timeout", "60s");

    step(3, "the stored account (secrets are encrypted; only metadata is shown)");
    run(inner, outcomes, "accounts show", "accounts", "show", MAILBOX);
    out().println("  database check: " + rawCheck(home, provider));

    step(4, "force a refresh (mailtoken token --renew; the token itself is shown as a fingerprint here)");
    StringWriter token = new StringWriter();
    int code = new Main(inner).commandLine(new PrintWriter(token, true), indented()).execute("token", MAILBOX,
        "--renew");
    record(outcomes, "token --renew", code);
    if (code == 0) {
      out().println("  new access token " + Secret.of(token.toString().strip()).fingerprint() + " (sha256 prefix)");
    }

    step(5, "send a message over SMTP with XOAUTH2");
    run(inner, outcomes, "send", "send", "--from", MAILBOX, "--to", "friend@example.net", "--subject",
        "Hello from mailtoken", "--text", "Sent by mailtoken demo through the SMTP emulator.");

    step(6, "what the SMTP server received");
    for (ReceivedMessage m : smtp.messages()) {
      out().println("  authenticated as " + m.authenticatedUser() + " with " + m.mechanism() + ", MAIL FROM "
          + m.envelopeFrom() + ", RCPT TO " + m.recipients() + ", " + m.data().length + " bytes");
      m.text().lines().filter(l -> l.startsWith("Subject:") || l.startsWith("From:") || l.startsWith("To:"))
          .forEach(l -> out().println("    " + l));
    }
    record(outcomes, "message received", smtp.messages().isEmpty() ? 1 : 0);
    return outcomes;
  }

  private void step(int n, String what) {
    out().println();
    out().println("== step " + n + ": " + what);
    out().flush();
  }

  private void run(CliContext inner, List<String> outcomes, String name, String... args) {
    StringBuilder line = new StringBuilder("$ mailtoken");
    for (String arg : args) {
      String shown = arg.replaceAll("http://127\\.0\\.0\\.1:\\d+", "http://127.0.0.1:…");
      line.append(' ').append(shown.contains(" ") ? "'" + shown + "'" : shown);
    }
    out().println(line);
    PrintWriter shown = indented();
    int code = new Main(inner).commandLine(shown, shown).execute(args);
    record(outcomes, name, code);
    if (code != 0) {
      throw new CliException(ExitCode.FAILURE, "demo step \"" + name + "\" failed with exit code " + code);
    }
  }

  /**
   * Where an inner command writes, stdout and stderr alike: the demo's stdout, indented under the
   * step. One stream keeps the story in step order (stderr would otherwise be interleaved by the
   * terminal, or lost in {@code mailtoken demo > file}).
   */
  private PrintWriter indented() {
    return new PrintWriter(new IndentedWriter(out(), "  "), true);
  }

  private static void record(List<String> outcomes, String name, int code) {
    outcomes.add(name + (code == 0 ? " ok" : " FAILED(" + code + ")"));
  }

  /** Looks for every secret the emulator issued in the raw SQLite file: none may be there in clear. */
  private static String rawCheck(Path home, ProviderEmulator provider) throws IOException {
    Path db = home.resolve(StoreHome.DATABASE_FILE);
    if (!Files.exists(db)) {
      return "not a local SQLite file; skipped";
    }
    StringBuilder raw = new StringBuilder();
    // The write-ahead log and journal hold recent writes too.
    for (String suffix : new String[] {"", "-wal", "-journal", "-shm"}) {
      Path file = home.resolve(StoreHome.DATABASE_FILE + suffix);
      if (Files.exists(file)) {
        raw.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    String bytes = raw.toString();
    long leaked = provider.issuedSecrets().stream().filter(bytes::contains).count();
    return leaked == 0 ? "none of the " + provider.issuedSecrets().size() + " secrets the provider issued appears in"
        + " clear in the database files" : leaked + " secret(s) found in clear!";
  }

  private static String randomSecret() {
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    return "GOCSPX-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
