package dev.mailtoken.bench.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtoken.cli.Browser;
import dev.mailtoken.cli.CliContext;
import dev.mailtoken.cli.Main;
import dev.mailtoken.cli.SecretReader;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.RotationPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The world of one row: a fresh home directory (key file, SQLite database), a store URL, the
 * testkit's provider emulator (Google-like) behind a {@link LoopbackRelay}, an app "test" whose
 * token endpoint is the relay, and the account {@link #ALICE} imported. Commands run as real child
 * processes ({@link #start}, {@link #command}) or, for setting up and looking, in this JVM
 * ({@link #inProcess}). Everything is on loopback. Not thread-safe; one per row.
 */
final class Stage implements AutoCloseable {
  static final String ALICE = "alice@example.com";
  static final String CLIENT_ID = "reliability.apps.googleusercontent.com";
  private static final String CLIENT_SECRET = "GOCSPX-reliability-bench-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  final Limits limits;
  final Path home;
  final ProviderEmulator provider;
  final LoopbackRelay relay;
  final Optional<String> jdbcUrl;
  private final Map<String, String> env = new HashMap<>();

  /** {@code jdbcUrl} empty: SQLite in the home. */
  Stage(Limits limits, RotationPolicy rotation, Optional<String> jdbcUrl) throws IOException {
    this.limits = limits;
    this.jdbcUrl = jdbcUrl;
    this.home = Files.createTempDirectory("mailtoken-reliability-");
    this.provider = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).rotation(rotation).defaultUser(ALICE)
        .accessTokenTtl(limits.accessTokenLifetime()).build().start();
    this.relay = LoopbackRelay.to(provider.tokenEndpoint().getPort());
    env.putAll(limits.environment());
    env.put("MAILTOKEN_HOME", home.toString());
    jdbcUrl.ifPresent(url -> env.put("MAILTOKEN_DB", url));
  }

  /** The token endpoint the app uses: the emulator's, through the relay. */
  String tokenEndpoint() {
    return "http://127.0.0.1:" + relay.port() + provider.tokenEndpoint().getPath();
  }

  /** Adds app "test" and imports {@link #ALICE} (one refresh: the imported refresh token is rotated). */
  Stage withAlice() {
    provider.registerClient(ClientRegistration.desktop(CLIENT_ID, CLIENT_SECRET)
        .redirectUri("http://127.0.0.1/callback").build());
    Map<String, String> setup = new HashMap<>(Map.of("CLIENT_SECRET", CLIENT_SECRET,
        "RT", provider.issueRefreshToken(CLIENT_ID, ALICE, List.of("https://mail.google.com/"))));
    require(inProcess(setup, "apps", "add", "test", "--provider", "google", "--client-id", CLIENT_ID,
        "--client-secret-env", "CLIENT_SECRET", "--token-endpoint", tokenEndpoint(),
        "--authorization-endpoint", provider.authorizationEndpoint().toString(),
        "--revocation-endpoint", provider.revocationEndpoint().toString(),
        "--userinfo-endpoint", provider.userinfoEndpoint().toString()));
    require(inProcess(setup, "import", ALICE, "--app", "test", "--refresh-token-env", "RT"));
    provider.clearRequests();
    return this;
  }

  /** The child processes' environment: home, store, limits. */
  Map<String, String> environment() {
    return Map.copyOf(env);
  }

  /** Starts {@code mailtoken args…} in its own JVM, held at its gate until {@link CliProcess#go}. */
  CliProcess start(String... args) throws IOException, InterruptedException {
    return CliProcess.start(env, List.of(args));
  }

  /** Runs {@code mailtoken args…} in its own JVM; a command running past {@code limit} is killed. */
  Run command(Duration limit, String... args) throws IOException, InterruptedException {
    return command(Map.of(), limit, args);
  }

  /** As {@link #command(Duration, String...)} with {@code extra} environment variables. */
  Run command(Map<String, String> extra, Duration limit, String... args) throws IOException, InterruptedException {
    Map<String, String> all = new HashMap<>(env);
    all.putAll(extra);
    try (CliProcess p = CliProcess.start(all, List.of(args))) {
      return p.run(limit);
    }
  }

  /** Runs {@code mailtoken args…} in this JVM (setting up and looking, never the measured fault). */
  Run inProcess(String... args) {
    return inProcess(Map.of(), args);
  }

  private Run inProcess(Map<String, String> extra, String... args) {
    Map<String, String> all = new HashMap<>(env);
    all.putAll(extra);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(all, Clock.systemUTC(), SecretReader.none(), Browser.none(), Optional.empty());
    long start = System.nanoTime();
    int code = new Main(context).commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run("mailtoken " + String.join(" ", args), code, Duration.ofNanos(System.nanoTime() - start),
        out.toString(), err.toString(), false);
  }

  /** Token-endpoint requests that reached the emulator (POSTs: a doctor's clock check may GET it). */
  long tokenRequests() {
    return provider.requests(Endpoint.TOKEN).stream().filter(r -> r.method().equals("POST")).count();
  }

  /** True when {@code run} printed an access token the emulator considers live. */
  boolean printedLiveToken(Run run) {
    return run.ok() && provider.introspect(run.out().strip()).isPresent();
  }

  /** {@code accounts show ACCOUNT --json} as a tree. */
  JsonNode account(String address) throws IOException {
    return JSON.readTree(require(inProcess("accounts", "show", address, "--json")).out());
  }

  /**
   * What the store says about refreshing {@code address} right now, measured from {@code since}
   * (when the command ended): "the refresh is marked interrupted; 1 failure, next attempt 4.6 s on".
   */
  String refreshState(String address, Instant since) throws IOException {
    JsonNode refresh = account(address).path("refresh");
    List<String> parts = new ArrayList<>();
    if (refresh.hasNonNull("in_flight_since")) {
      parts.add("a claim in flight (lease until " + seconds(since, refresh.get("in_flight_lease_until")) + " on)");
    }
    if (refresh.hasNonNull("interrupted_at")) {
      parts.add("the refresh is marked interrupted");
    }
    int failures = refresh.path("failures").asInt();
    if (failures > 0 || refresh.hasNonNull("next_attempt_at")) {
      parts.add(failures + " failure" + (failures == 1 ? "" : "s") + (refresh.hasNonNull("next_attempt_at")
          ? ", next attempt " + seconds(since, refresh.get("next_attempt_at")) + " on" : ""));
    }
    String status = account(address).path("status").asText();
    if (!status.equals("healthy")) {
      parts.add("status " + status);
    }
    return parts.isEmpty() ? "no failure recorded" : String.join("; ", parts);
  }

  private static String seconds(Instant since, JsonNode instant) {
    return Bound.measured(Duration.between(since, Instant.parse(instant.asText())));
  }

  /**
   * Waits (real time) until a new refresh of {@code address} may be sent: past the shared backoff
   * ({@code next_attempt_at}) and past the lease of a claim left by another process.
   */
  void awaitRefreshAllowed(String address) throws IOException, InterruptedException {
    JsonNode refresh = account(address).path("refresh");
    Instant until = Instant.EPOCH;
    for (String field : List.of("next_attempt_at", "in_flight_lease_until")) {
      if (refresh.hasNonNull(field)) {
        Instant t = Instant.parse(refresh.get(field).asText());
        until = t.isAfter(until) ? t : until;
      }
    }
    long wait = Duration.between(Instant.now(), until).toMillis();
    if (wait > 0) {
      Thread.sleep(wait + 200);
    }
  }

  /**
   * The fault has cleared (no armed fault, the relay relays): waits until a refresh is allowed, then
   * asks for a token with the stored grant. Nothing was lost when it prints a live token.
   */
  Recovery recover(String address) throws IOException, InterruptedException {
    provider.faults().clear();
    relay.hang(false);
    awaitRefreshAllowed(address);
    long before = tokenRequests();
    Run run = command(limits.requestTimeout().plus(limits.slack()).multipliedBy(4), "token", address);
    return new Recovery(run, tokenRequests() - before, printedLiveToken(run));
  }

  /** Every issued token, code and secret: none may appear in what the matrix prints. */
  List<String> secrets() {
    List<String> s = new ArrayList<>(provider.issuedSecrets());
    s.add(CLIENT_SECRET);
    return s;
  }

  static Run require(Run run) {
    if (run.exitCode() != 0) {
      throw new IllegalStateException("setting up failed: " + run);
    }
    return run;
  }

  @Override
  public void close() throws IOException {
    relay.close();
    provider.close();
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
