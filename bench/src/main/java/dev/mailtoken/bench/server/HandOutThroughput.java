package dev.mailtoken.bench.server;

import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerConfig;
import dev.mailtoken.server.apitoken.CreatedApiToken;
import dev.mailtoken.server.apitoken.NewApiToken;
import dev.mailtoken.server.web.Scope;
import dev.mailtoken.store.CredentialStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Token hand-out throughput: {@code GET /v1/accounts/{id}/token} of the real server (SQLite store
 * in a temporary directory, every account seeded with a valid cached token, an API token with
 * scope {@code token}: authenticated, scoped, audited, a cached token from the node's
 * {@code TokenManager}) against a bare Javalin route returning a constant body of the same size
 * ({@link BareJavalin}), both in this JVM, loaded by {@code wrk} over loopback with the same
 * requests and connections, in interleaved rounds (ABBA order, so neither always goes first).
 * Issue 11 target: at least 0.7 of the bare route's requests per second.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.mailtoken.bench.server.HandOutThroughput
 * [accounts] [rounds] [seconds per round] [wrk connections] [wrk threads]}
 */
public final class HandOutThroughput {
  static final double TARGET = 0.7;

  private HandOutThroughput() {
  }

  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int connections = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    if (!Wrk.installed()) {
      throw new IllegalStateException("wrk is not installed: apt-get install -y wrk");
    }
    Clock clock = Clock.systemUTC();
    try (Fleet fleet = new Fleet(clock, Duration.ofHours(1));
        CredentialStore store = fleet.openStore(clock)) {
      Instant now = clock.instant();
      System.out.printf("storing %,d accounts with a cached token valid for an hour%n", accounts);
      fleet.populate(store, accounts, i -> now.plus(Duration.ofMinutes(55)));
      ServerConfig config = ServerConfig.builder().port(0).build();
      MailtokenServer server = new MailtokenServer(config, store, OAuthClient.builder().clock(clock).build(), clock)
          .start(0);
      try (BareJavalin bare = new BareJavalin(config.maxBodyBytes()).start()) {
        CreatedApiToken token = server.apiTokens().create(new NewApiToken("bench", List.of(Scope.TOKEN), List.of(),
            Optional.empty()), "bench");
        String bearer = token.value().reveal();
        check(server.port(), bearer, 200);
        check(bare.port(), bearer, 200);
        Wrk wrk = new Wrk(fleet.dir, bearer, accounts, threads, connections);
        System.out.printf("server settings: %s%nload: %s%n", config, String.join(" ", wrk.command(0, seconds)));
        // Twice a round's length each: the first seconds of either server run interpreted code.
        System.out.printf("warm-up (not counted), %s%n", MachineLoad.now());
        print("warm-up", "mailtoken", wrk.run(server.port(), 2 * seconds));
        print("warm-up", "bare", wrk.run(bare.port(), 2 * seconds));
        List<double[]> results = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
          boolean mailtokenFirst = r % 2 == 1;
          System.out.printf("round %d, %s%n", r, MachineLoad.now());
          Wrk.Result m;
          Wrk.Result b;
          if (mailtokenFirst) {
            m = measured(wrk, server.port(), seconds, "round " + r, "mailtoken");
            b = measured(wrk, bare.port(), seconds, "round " + r, "bare");
          } else {
            b = measured(wrk, bare.port(), seconds, "round " + r, "bare");
            m = measured(wrk, server.port(), seconds, "round " + r, "mailtoken");
          }
          results.add(new double[] {m.requestsPerSecond(), b.requestsPerSecond()});
        }
        summarise(results);
      } finally {
        server.stop();
      }
    }
  }

  private static Wrk.Result measured(Wrk wrk, int port, int seconds, String round, String who) throws Exception {
    Wrk.Result r = wrk.run(port, seconds);
    if (r.non2xx() > 0 || r.socketErrors() > 0) {
      throw new IllegalStateException(who + " answered " + r.non2xx() + " non-2xx responses and had "
          + r.socketErrors() + " socket errors: the round is not a measurement");
    }
    print(round, who, r);
    return r;
  }

  private static void print(String round, String who, Wrk.Result r) {
    System.out.printf("  %-8s %-10s %,10.0f req/s  (%,d requests; %s)%n", round, who, r.requestsPerSecond(),
        r.requests(), r.latency());
  }

  private static void summarise(List<double[]> results) {
    double[] ratios = results.stream().mapToDouble(x -> x[0] / x[1]).sorted().toArray();
    double[] m = results.stream().mapToDouble(x -> x[0]).sorted().toArray();
    double[] b = results.stream().mapToDouble(x -> x[1]).sorted().toArray();
    System.out.printf("%n| round | mailtoken req/s | bare Javalin req/s | ratio |%n|---|---:|---:|---:|%n");
    for (int i = 0; i < results.size(); i++) {
      System.out.printf("| %d | %,.0f | %,.0f | %.2f |%n", i + 1, results.get(i)[0], results.get(i)[1],
          results.get(i)[0] / results.get(i)[1]);
    }
    double median = median(ratios);
    System.out.printf("RESULT hand-out throughput: mailtoken median %,.0f req/s, bare Javalin median %,.0f req/s;"
        + " ratio median %.2f (rounds %.2f to %.2f); target >= %.1f: %s%n", median(m), median(b), median,
        ratios[0], ratios[ratios.length - 1], TARGET, median >= TARGET ? "met" : "missed");
    System.out.printf("after the run, %s%n", MachineLoad.now());
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static void check(int port, String bearer, int expected) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/v1/accounts/user0@example.com/token"))
        .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected || !r.body().contains("\"accessToken\"")) {
      throw new IllegalStateException("GET on port " + port + " answered " + r.statusCode() + " " + r.body());
    }
  }
}
