package dev.mailtoken.cli;

import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.store.StoreHome;
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
    subcommands = {AppsCommand.class, AuthorizeCommand.class, ImportCommand.class, AccountsCommand.class,
        TokenCommand.class, SendCommand.class, RevokeCommand.class, DoctorCommand.class, KeysCommand.class,
        DemoCommand.class, ServeCommand.class, ApiTokensCommand.class, AdminPasswordCommand.class},
    footer = {"%nEnvironment: MAILTOKEN_HOME (default ~/.mailtoken), MAILTOKEN_DB (JDBC URL), MAILTOKEN_SECRET"
        + " (base64 32-byte key) or MAILTOKEN_SECRET_FILE; otherwise a key file is created in the home.",
        "%nExamples:", "  mailtoken demo", "  mailtoken apps add gmail --provider google --client-id ID"
        + " --client-secret-file secret.txt", "  mailtoken authorize --app gmail",
        "  mailtoken token alice@example.com --header", ExitCode.FOOTER})
public final class Main implements Runnable {
  @Spec
  private CommandSpec spec;

  @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Where the database and key file live (default: $MAILTOKEN_HOME, else ~/.mailtoken).")
  private Path home;

  @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "JDBC_URL",
      description = "The store's JDBC URL (default: $MAILTOKEN_DB, else SQLite in the home).")
  private String db;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Show stack traces and debug logging.")
  private boolean verbose;

  private final CliContext context;
  private OAuthClient oauthClient;

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
      System.setProperty("org.slf4j.simpleLogger.log.dev.mailtoken", "debug");
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = new Main(System.getenv(), Clock.systemUTC()).commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Builds the command line for this root with its subcommands, error reporting and writers. */
  public CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(this);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorReporter(this));
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

  /** Opens the store; the caller closes it. Says once on stderr when a new key file was created. */
  StoreAccess openStore(PrintWriter err) throws dev.mailtoken.MailtokenException {
    return StoreAccess.open(effectiveEnv(), context.clock(), err);
  }

  /** One OAuth client per invocation, built on first use (the {@code token} fast path never builds one). */
  OAuthClient oauthClient() {
    if (oauthClient == null) {
      oauthClient = OAuthClient.builder().clock(context.clock()).connectTimeout(Duration.ofSeconds(10))
          .requestTimeout(Duration.ofSeconds(30)).build();
    }
    return oauthClient;
  }
}
