package dev.mailtoken.bench.reliability;

import static dev.mailtoken.bench.reliability.Stage.ALICE;

import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.RotationPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Faults of the token endpoint met by one {@code mailtoken token} process whose access token has
 * expired, on a provider that rotates refresh tokens with reuse detection (sending a retired one
 * revokes the whole family, so any refresh token mailtoken failed to keep shows up as a dead grant).
 */
final class TokenEndpointRows {
  /** Between the HTTP timeout and the completion timeout: the answer comes late, but comes. */
  static final Duration LATE = Duration.ofSeconds(5);
  /** Past the completion timeout: the provider rotates, the answer is never read. */
  static final Duration TOO_LATE = Duration.ofSeconds(12);
  /** The provider's Retry-After in the 429 row: long enough for three runs, short enough to wait for. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(15);
  private static final RotationPolicy REUSE = RotationPolicy.ROTATE_REUSE_DETECTION;

  private TokenEndpointRows() {
  }

  static List<Row> rows() {
    Function<Limits, Bound> request = Limits::requestBound;
    Function<Limits, Bound> completion = Limits::completionBound;
    return List.of(
        row("delay", "answer delayed " + Bound.seconds(LATE) + " (past the HTTP timeout, within the completion timeout)",
            "The command stops waiting at the HTTP timeout and says it is waiting for the late answer; the answer"
                + " (a rotated refresh token) is read and stored when it comes, and the command exits 6. The next"
                + " `mailtoken token alice@example.com` refreshes with the rotated token.",
            stage -> once(stage, Fault.delay(LATE), completion)),
        row("delay-past-completion", "answer delayed " + Bound.seconds(TOO_LATE) + " (past the completion timeout)",
            "The provider rotates the refresh token but its answer comes after the completion timeout, when nobody"
                + " reads it any more. mailtoken records the refresh as interrupted; the next refresh sends the only"
                + " refresh token it has, and a provider with reuse detection revokes the family. Nothing can save"
                + " that grant (the new token never arrived); what mailtoken owes is the exact explanation (exit 3,"
                + " \"a refresh was interrupted at T … run mailtoken authorize\") and a completion timeout long enough"
                + " (default 2 minutes) to make this rare.",
            TokenEndpointRows::tooLate).withLossUnavoidable(),
        row("slow-drip", "the 250-byte answer sent 16 bytes every 300 ms (4.5 s in all)",
            "The whole-request HTTP timeout covers the body too (the headers arrive at once), so the command stops"
                + " waiting at the HTTP timeout; the body is still read to its end within the completion timeout"
                + " and stored, as for a delay.",
            stage -> once(stage, Fault.slowDrip(16, Duration.ofMillis(300)), completion)),
        new Row("slow-drip-endless", StoreKind.SQLITE, RotationPolicy.NONE,
            "token endpoint: the answer sent 1 byte a second (over 4 minutes)",
            "The completion timeout bounds the body as well: the command gives up reading when it passes and"
                + " exits 6, instead of staying as long as the provider keeps dripping. The refresh is recorded as"
                + " interrupted; Google keeps its refresh token, so the next refresh works.",
            stage -> once(stage, Fault.slowDrip(1, Duration.ofSeconds(1)), completion)),
        row("reset", "connection closed without an answer",
            "A transient error (exit 6) at once; the refresh is marked interrupted (the provider might have acted)"
                + " and the account backs off (about 5 s); the next refresh after the backoff works and clears the"
                + " mark, since this provider never saw the request.",
            stage -> once(stage, Fault.connectionReset(), request)),
        row("5xx", "HTTP 503 with a JSON error body",
            "A transient error (exit 6) at once, the shared backoff recorded; nothing stored changes.",
            stage -> once(stage, Fault.status(503, "{\"error\":\"internal_failure\"}"), request)),
        row("429-retry-after", "HTTP 429 with `Retry-After: " + RETRY_AFTER.toSeconds() + "`, then 3 runs",
            "The first run gets the 429 and stores the next allowed attempt (" + RETRY_AFTER.toSeconds() + " s on,"
                + " the provider's Retry-After, longer than the backoff's 5 s); the next runs (new processes) exit 6"
                + " at once without a request and say how long to wait. Once it has passed the refresh works.",
            TokenEndpointRows::retryAfter),
        row("html", "HTTP 200 with an HTML page (a captive portal or proxy)",
            "Not a token response: a typed error, never a parser's exception; backoff; nothing stored changes.",
            stage -> once(stage, Fault.html(200), request)),
        row("truncated-json", "HTTP 200 with a JSON body cut in the middle",
            "A typed error (the response is unreadable), never a parser's exception; nothing stored changes.",
            stage -> once(stage, Fault.truncatedJson(), request)),
        row("huge-body", "HTTP 200 with a 16 MiB body",
            "Reading stops at the 64 KiB cap: a typed error naming the cap, no memory blow-up; nothing stored"
                + " changes.",
            stage -> once(stage, Fault.status(200, hugeJson()), request)));
  }

  private static Row row(String name, String fault, String behaviour, Row.Scenario scenario) {
    return new Row(name, StoreKind.SQLITE, REUSE, "token endpoint: " + fault, behaviour, scenario);
  }

  /** One {@code mailtoken token} against the fault, then the recovery check. */
  private static RowResult once(Stage stage, Fault fault, Function<Limits, Bound> bounds) throws Exception {
    Bound bound = bounds.apply(stage.limits);
    stage.withAlice();
    stage.provider.faults().next(Endpoint.TOKEN, fault);
    Run run = stage.command(bound.limit().multipliedBy(3), "token", ALICE);
    String state = stage.refreshState(ALICE, Instant.now());
    long requests = stage.tokenRequests();
    Recovery recovery = stage.recover(ALICE);
    return new RowResult(Outcome.of(run), run.elapsed(), bound, Long.toString(requests), !recovery.live(),
        recovery.verdict(), "afterwards the store says: " + state);
  }

  private static RowResult tooLate(Stage stage) throws Exception {
    Bound bound = stage.limits.completionBound();
    stage.withAlice();
    stage.provider.faults().next(Endpoint.TOKEN, Fault.delay(TOO_LATE));
    int issued = stage.provider.issuedSecrets().size();
    Run run = stage.command(bound.limit().multipliedBy(3), "token", ALICE);
    String state = stage.refreshState(ALICE, Instant.now());
    long requests = stage.tokenRequests();
    // A real provider acts when the request arrives; the emulator acts after its delay: wait for it.
    long end = System.nanoTime() + TOO_LATE.multipliedBy(2).toNanos();
    while (stage.provider.issuedSecrets().size() <= issued && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    Recovery recovery = stage.recover(ALICE);
    return new RowResult(Outcome.of(run), run.elapsed(), bound, Long.toString(requests), !recovery.live(),
        recovery.verdict(), "afterwards the store says: " + state + "; the next `token`: " + Outcome.of(recovery.run()));
  }

  private static RowResult retryAfter(Stage stage) throws Exception {
    Bound bound = stage.limits.requestBound();
    stage.withAlice();
    stage.provider.faults().next(Endpoint.TOKEN, Fault.tooManyRequests(RETRY_AFTER));
    List<CliProcess> processes = new ArrayList<>();
    List<Run> runs = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        processes.add(stage.start("token", ALICE));   // started (and warmed up) first: the runs follow closely
      }
      for (CliProcess p : processes) {
        runs.add(p.run(bound.limit().multipliedBy(3)));
      }
    } finally {
      for (CliProcess p : processes) {
        p.close();
      }
    }
    String state = stage.refreshState(ALICE, Instant.now());
    long requests = stage.tokenRequests();
    Recovery recovery = stage.recover(ALICE);
    Duration slowest = runs.stream().map(Run::elapsed).max(Duration::compareTo).orElseThrow();
    return new RowResult(Outcome.summary(runs), slowest, bound, requests + " for 3 runs", !recovery.live(),
        recovery.verdict(), "after the third run the store says: " + state + "; the hints said " + hints(runs));
  }

  /** The "try again in N s" of each run's hint. */
  private static String hints(List<Run> runs) {
    List<String> waits = new ArrayList<>();
    for (Run r : runs) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("try again in \\d+ s").matcher(r.err());
      waits.add(m.find() ? "\"" + m.group() + "\"" : "nothing");
    }
    return String.join(", ", waits);
  }

  private static String hugeJson() {
    return "{\"access_token\":\"" + "A".repeat(16 * 1024 * 1024) + "\",\"token_type\":\"Bearer\",\"expires_in\":3599}";
  }
}
