package dev.mailtoken.bench.reliability;

import static dev.mailtoken.bench.reliability.Stage.ALICE;

import dev.mailtoken.testkit.RotationPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Five {@code mailtoken token} processes, released at the same moment, for an account whose token
 * has expired, while the provider hangs (a loopback listener that takes the request and never
 * answers, so the provider never acts on it). One request between them; every process returns a
 * typed error within its bound; afterwards the grant works.
 */
final class ManyProcessRows {
  static final int PROCESSES = 5;

  private ManyProcessRows() {
  }

  static List<Row> rows() {
    Row sqlite = new Row("processes-x-hang", StoreKind.SQLITE, RotationPolicy.ROTATE_REUSE_DETECTION,
        PROCESSES + " processes at once × token endpoint that never answers",
        "One process claims the refresh and sends the only request; the others wait for its outcome (never a"
            + " request of their own, never a raw `SQLITE_BUSY`) until the lock wait passes and exit 6 naming"
            + " the refreshing process. The sender stops waiting at the HTTP timeout, keeps reading until the"
            + " completion timeout, records the interrupted refresh and the backoff, and exits 6. When the"
            + " provider answers again, the next refresh works: the hung request never reached it.",
        ManyProcessRows::hang);
    return List.of(sqlite, sqlite.on(StoreKind.POSTGRESQL));
  }

  /** The one that sent (it says it waits for the late answer) against the completion bound, the others the lock wait's. */
  private static String roles(List<Run> runs, Limits limits) {
    Duration sender = Duration.ZERO;
    Duration waiter = Duration.ZERO;
    for (Run r : runs) {
      if (r.err().contains("waiting for the provider's late answer")) {
        sender = r.elapsed().compareTo(sender) > 0 ? r.elapsed() : sender;
      } else {
        waiter = r.elapsed().compareTo(waiter) > 0 ? r.elapsed() : waiter;
      }
    }
    Bound waiters = limits.lockWaitBound();
    return "the process that sent took " + Bound.measured(sender) + " (bound " + Bound.seconds(
        limits.completionBound().limit()) + "), the slowest waiter " + Bound.measured(waiter) + " (bound "
        + Bound.seconds(waiters.limit()) + ", " + waiters.formula() + (waiters.allows(waiter) ? "" : ": ✗ over it")
        + ")";
  }

  private static RowResult hang(Stage stage) throws Exception {
    Limits limits = stage.limits;
    Duration longest = limits.lockWait().compareTo(limits.completionTimeout()) > 0 ? limits.lockWait()
        : limits.completionTimeout();
    Bound bound = limits.plusSlack(longest.equals(limits.lockWait()) ? "lock wait" : "completion timeout", longest);
    stage.withAlice();
    stage.relay.hang(true);
    List<CliProcess> processes = new ArrayList<>();
    List<Run> runs = new ArrayList<>();
    try {
      for (int i = 0; i < PROCESSES; i++) {
        processes.add(stage.start("token", ALICE));
      }
      for (CliProcess p : processes) {
        p.go();
      }
      for (CliProcess p : processes) {
        runs.add(p.await(bound.limit().multipliedBy(3)));
      }
    } finally {
      for (CliProcess p : processes) {
        p.close();
      }
    }
    String state = stage.refreshState(ALICE, Instant.now());
    int hung = stage.relay.hungConnections();
    long reached = stage.tokenRequests();
    Recovery recovery = stage.recover(ALICE);
    Duration slowest = runs.stream().map(Run::elapsed).max(Duration::compareTo).orElseThrow();
    return new RowResult(Outcome.summary(runs), slowest, bound, hung + " (to the hung endpoint; " + reached
        + " reached the provider)", !recovery.live(), recovery.verdict(), roles(runs, limits)
        + "; afterwards the store says: " + state);
  }
}
