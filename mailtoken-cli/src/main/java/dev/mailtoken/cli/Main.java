package dev.mailtoken.cli;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.store.StoreHome;
import dev.mailtoken.store.StoreOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code mailtoken} root command: global options and the subcommands. Construct it with the
 * environment and clock to use (tests pass their own), then {@link #commandLine} builds the picocli
 * {@code CommandLine} with injected output writers:
 *
 * <pre>{@code
 * int exit = new Main(CliContext.of(env, clock)).commandLine(out, err).execute("token", "alice@example.com");
 * }</pre>
 *
 * <p>One instance per invocation; not thread-safe. Errors never escape {@code execute}: they become
 * one line on stderr plus a hint, and an {@link ExitCode}.
 */
@Command(name = "mailtoken", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Get an OAuth2 refresh token once, keep it encrypted, and send mail as Gmail / Microsoft 365 /"
        + " any OAuth2 mailbox.",
    footer = {"%nEnvironment: MAILTOKEN_HOME (default ~/.mailtoken), MAILTOKEN_DB (JDBC URL), MAILTOKEN_SECRET"
        + " (base64 32-byte key) or MAILTOKEN_SECRET_FILE; otherwise a key file is created in the home."
        + " MAILTOKEN_TRUST_STORE (CA certificates, PEM or PKCS12). Limits: MAILTOKEN_HTTP_TIMEOUT (30s), MAILTOKEN_HTTP_COMPLETION_TIMEOUT (2m), MAILTOKEN_LOCK_WAIT (30s),"
        + " MAILTOKEN_DB_CONNECT_TIMEOUT (10s).",
        "%nExamples:", "  mailtoken demo", "  mailtoken apps add gmail --provider google --client-id ID"
        + " --client-secret-file secret.txt", "  mailtoken authorize --app gmail",
        "  mailtoken token alice@example.com --header", ExitCode.FOOTER})
public final class Main implements Runnable {
  /** How long a command waits for a token endpoint (the OAuth client's request timeout). */
  static final String HTTP_TIMEOUT_VARIABLE = "MAILTOKEN_HTTP_TIMEOUT";
  /** How long a sent refresh is still read after the command stopped waiting (its completion timeout). */
  static final String HTTP_COMPLETION_TIMEOUT_VARIABLE = "MAILTOKEN_HTTP_COMPLETION_TIMEOUT";

  @Spec
  private CommandSpec spec;

  @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Where the database and key file live (default: $MAILTOKEN_HOME, else ~/.mailtoken).")
  private Path home;

  @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "JDBC_URL",
      description = "The store's JDBC URL (default: $MAILTOKEN_DB, else SQLite in the home).")
  private String db;

  @Option(names = "--trust-store", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "CA certificates to trust for SMTP, token endpoints and mail APIs instead of the JVM's: PEM,"
          + " or PKCS12 (default: $MAILTOKEN_TRUST_STORE).")
  private Path trustStore;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Show stack traces and debug logging.")
  private boolean verbose;

  private final CliContext context;
  private OAuthClient oauthClient;
  private java.util.Optional<javax.net.ssl.SSLContext> trust;

  public Main(CliContext context) {
    this.context = context;
  }

  public Main(Map<String, String> env, Clock clock) {
    this(CliContext.of(env, clock));
  }

  /** The process entry point: the real environment, the system clock, stdout/stderr. */
  public static void main(String[] args) {
    if (java.util.Arrays.asList(args).contains("--verbose")) {
      // The process entry point owns the JVM: slf4j-simple reads this before the first logger exists.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      System.setProperty("org.slf4j.simpleLogger.log.dev.mailtoken", "debug");
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = new Main(System.getenv(), Clock.systemUTC()).commandLine(out, err, Subcommands.namedIn(args))
        .execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Builds the command line for this root with its subcommands, error reporting and writers. */
  public CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, Subcommands.ALL);
  }

  /** {@link #commandLine(PrintWriter, PrintWriter)} with only {@code subcommands} (see {@link Subcommands}). */
  CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, Class<?>> subcommands) {
    CommandLine cl = new CommandLine(this);
    subcommands.forEach(cl::addSubcommand);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorReporter(this));
    cl.setParameterExceptionHandler(new UsageErrorReporter());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    HelpExamples.wrapAll(cl);
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, for example: mailtoken demo");
  }

  CliContext context() {
    return context;
  }

  /** The {@code --home} given on the command line, if any. */
  java.util.Optional<Path> homeOption() {
    return java.util.Optional.ofNullable(home);
  }

  /** True when {@code --db} was given on the command line. */
  boolean dbOption() {
    return db != null;
  }

  boolean verbose() {
    return verbose;
  }

  /**
   * The CAs of {@code --trust-store} or {@code MAILTOKEN_TRUST_STORE}, loaded on first use; empty
   * when neither is set (the JVM's trust store applies).
   *
   * @throws CliException (configuration) when the file cannot be read or holds no certificate
   */
  java.util.Optional<javax.net.ssl.SSLContext> trustStore() {
    if (trust == null) {
      String variable = context.env().get(TrustStoreFile.VARIABLE);
      if (trustStore != null) {
        trust = java.util.Optional.of(TrustStoreFile.load(trustStore, "--trust-store"));
      } else if (variable != null && !variable.isBlank()) {
        trust = java.util.Optional.of(TrustStoreFile.load(Path.of(variable), TrustStoreFile.VARIABLE));
      } else {
        trust = java.util.Optional.empty();
      }
    }
    return trust;
  }

  /** The trust for SMTP servers: the surroundings' (tests, the demo), else {@link #trustStore()}. */
  java.util.Optional<javax.net.ssl.SSLContext> smtpTrust() {
    return context.smtpTrust().or(this::trustStore);
  }

  /** The environment with {@code --home} / {@code --db} applied, as the store reads it. */
  Map<String, String> effectiveEnv() {
    Map<String, String> env = new HashMap<>(context.env());
    if (home != null) {
      env.put(StoreHome.HOME_VARIABLE, home.toAbsolutePath().toString());
    }
    if (db != null) {
      env.put(StoreHome.DB_VARIABLE, db);
    }
    return env;
  }

  /**
   * Opens the existing store (never creates one: {@link dev.mailtoken.store.NoSuchStoreException}
   * when there is none); the caller closes it. A store this user can only read opens read-only.
   */
  StoreAccess openStore(PrintWriter err) throws dev.mailtoken.MailtokenException {
    StoreLocation.check(context.env(), homeOption(), java.util.Optional.ofNullable(db));
    return StoreAccess.open(effectiveEnv(), context.clock(), err, false);
  }

  /**
   * Opens the store, creating it (and the key file) when there is none, which is said on stderr;
   * only verbs that set a store up use it.
   */
  StoreAccess openOrCreateStore(PrintWriter err) throws dev.mailtoken.MailtokenException {
    StoreLocation.check(context.env(), homeOption(), java.util.Optional.ofNullable(db));
    return StoreAccess.open(effectiveEnv(), context.clock(), err, true);
  }

  /**
   * One OAuth client per invocation, built on first use (the {@code token} fast path never builds
   * one), with {@code MAILTOKEN_HTTP_TIMEOUT} and {@code MAILTOKEN_HTTP_COMPLETION_TIMEOUT} applied.
   *
   * @throws CliException (configuration) when one of them is not a duration, or the completion
   *     timeout is shorter than the request timeout
   */
  OAuthClient oauthClient() {
    if (oauthClient == null) {
      Map<String, String> env = effectiveEnv();
      Duration request = timeout(env, HTTP_TIMEOUT_VARIABLE).orElse(Duration.ofSeconds(30));
      Duration completion = timeout(env, HTTP_COMPLETION_TIMEOUT_VARIABLE)
          .orElse(request.compareTo(Duration.ofMinutes(2)) > 0 ? request : Duration.ofMinutes(2));
      if (completion.compareTo(request) < 0) {
        throw new CliException(ExitCode.CONFIGURATION, HTTP_COMPLETION_TIMEOUT_VARIABLE + " (" + completion
            + ") is shorter than " + HTTP_TIMEOUT_VARIABLE + " (" + request + ")", "the completion timeout is how long"
            + " a sent refresh is still read after the command stopped waiting; make it at least as long");
      }
      var builder = OAuthClient.builder().clock(context.clock()).connectTimeout(Duration.ofSeconds(10))
          .requestTimeout(request).completionTimeout(completion);
      trustStore().ifPresent(builder::sslContext);
      oauthClient = builder.build();
    }
    return oauthClient;
  }

  private static java.util.Optional<Duration> timeout(Map<String, String> env, String variable) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(StoreOptions.duration(variable, value));
    } catch (ConfigurationException e) {
      throw new CliException(ExitCode.CONFIGURATION, e.getMessage());
    }
  }
}
