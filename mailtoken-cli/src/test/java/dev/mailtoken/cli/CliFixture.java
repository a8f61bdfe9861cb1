package dev.mailtoken.cli;

import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.ProviderEmulatorBuilder;
import dev.mailtoken.testkit.SmtpEmulator;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.oauth.DeviceCodePoller;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Runs the CLI in-process against the testkit emulators: a fresh home per test, an environment map,
 * captured stdout/stderr, and a browser that is an HTTP client. Close it after each test.
 */
final class CliFixture implements AutoCloseable {
  static final String CLIENT_ID = "cli-test.apps.googleusercontent.com";
  static final String CLIENT_SECRET = "GOCSPX-cli-test-secret-value";
  static final String USER = "alice@example.com";

  final TestClock clock;
  final ProviderEmulator provider;
  final Path home;
  final Map<String, String> env = new HashMap<>();
  Browser browser = new HttpBrowser();
  SecretReader secretReader = SecretReader.none();
  InputStream stdin = InputStream.nullInputStream();
  /** Polls of authorize --device wait no real time: the test clock moves instead. */
  DeviceCodePoller.Sleeper sleeper;
  /** The stderr of the run in progress, readable while it runs (for a stdin that answers what was printed). */
  volatile StringWriter liveErr = new StringWriter();
  private SmtpEmulator smtp;
  /** Whether runs trust the SMTP emulator's certificate without being told (as the demo does). */
  private boolean trustSmtp = true;

  CliFixture(Path home, UnaryOperator<ProviderEmulatorBuilder> settings) {
    this(home, Instant.now().plusMillis(1234), settings);
  }

  CliFixture(Path home, Instant start, UnaryOperator<ProviderEmulatorBuilder> settings) {
    this.home = home;
    this.clock = TestClock.at(start);
    this.provider = settings.apply(ProviderEmulator.builder().clock(clock)).build().start();
    this.sleeper = clock::advance;
    env.put("MAILTOKEN_HOME", home.toString());
    env.put("CLIENT_SECRET", CLIENT_SECRET);
  }

  static CliFixture google(Path home) {
    return new CliFixture(home, b -> b.mode(EmulatorMode.GOOGLE).defaultUser(USER));
  }

  /** Registers a Google desktop client (any loopback port) and adds it as app "test" with {@code appArgs}. */
  CliFixture withDesktopApp(String... appArgs) {
    provider.registerClient(ClientRegistration.desktop(CLIENT_ID, CLIENT_SECRET)
        .redirectUri("http://127.0.0.1/callback").build());
    addApp("test", appArgs);
    return this;
  }

  /** Registers a client with Microsoft's desktop redirect (http://localhost) and adds it as app "test". */
  CliFixture withMicrosoftApp(String... appArgs) {
    provider.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET)
        .redirectUri("http://localhost/callback").build());
    addApp("test", appArgs);
    return this;
  }

  CliRun addApp(String name, String... extra) {
    List<String> args = new ArrayList<>(List.of("apps", "add", name, "--provider",
        provider.mode() == EmulatorMode.MICROSOFT ? "microsoft" : "google", "--client-id", CLIENT_ID,
        "--client-secret-env", "CLIENT_SECRET",
        "--authorization-endpoint", provider.authorizationEndpoint().toString(),
        "--token-endpoint", provider.tokenEndpoint().toString()));
    if (provider.mode() != EmulatorMode.MICROSOFT) {
      args.addAll(List.of("--revocation-endpoint", provider.revocationEndpoint().toString()));
    }
    args.addAll(List.of("--userinfo-endpoint", provider.userinfoEndpoint().toString()));
    args.addAll(List.of(extra));
    CliRun r = run(args.toArray(String[]::new));
    if (r.exitCode() != 0) {
      throw new AssertionError("apps add failed: " + r);
    }
    return r;
  }

  /** Starts an SMTP emulator for the provider; apps added afterwards with {@link #smtpArgs()} use it. */
  SmtpEmulator smtp() {
    if (smtp == null) {
      smtp = SmtpEmulator.builder(provider).start();
    }
    return smtp;
  }

  /** Starts the SMTP emulator with {@code settings} (call before {@link #smtp()} or {@link #smtpArgs()}). */
  SmtpEmulator smtp(java.util.function.UnaryOperator<dev.mailtoken.testkit.SmtpEmulatorBuilder> settings) {
    if (smtp != null) {
      throw new IllegalStateException("the SMTP emulator is already running");
    }
    smtp = settings.apply(SmtpEmulator.builder(provider)).start();
    return smtp;
  }

  String[] smtpArgs() {
    return new String[] {"--smtp-host", smtp().host(), "--smtp-port", Integer.toString(smtp().port())};
  }

  /** Authorizes {@link #USER} with app "test"; fails the test when it does not work. */
  CliRun authorize(String... extra) {
    List<String> args = new ArrayList<>(List.of("authorize", "--app", "test", "--account", USER, "--timeout", "20s"));
    args.addAll(List.of(extra));
    CliRun r = run(args.toArray(String[]::new));
    if (r.exitCode() != 0) {
      throw new AssertionError("authorize failed: " + r);
    }
    return r;
  }

  /**
   * Stores {@code address} with app "test" through {@code mailtoken import} of a refresh token the
   * emulator issued for {@code scopes}; fails the test when it does not work.
   */
  CliRun importAccount(String address, List<String> scopes) {
    env.put("RT", provider.issueRefreshToken(CLIENT_ID, address, scopes));
    CliRun r = run("import", address, "--app", "test", "--refresh-token-env", "RT");
    if (r.exitCode() != 0) {
      throw new AssertionError("import failed: " + r);
    }
    return r;
  }

  /** Later runs do not trust the SMTP emulator's certificate unless a trust store says so. */
  CliFixture withoutSmtpTrust() {
    trustSmtp = false;
    return this;
  }

  CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    liveErr = err;
    CliContext context = new CliContext(env, clock, secretReader, browser,
        smtp == null || !trustSmtp ? Optional.empty() : Optional.of(smtp.clientSslContext()), stdin, sleeper);
    int code = new Main(context).commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Override
  public void close() {
    if (smtp != null) {
      smtp.close();
    }
    provider.close();
  }
}
