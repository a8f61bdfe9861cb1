package dev.mailtoken.bench.reliability;

import static dev.mailtoken.bench.reliability.Stage.ALICE;

import dev.mailtoken.testkit.RotationPolicy;
import java.util.List;
import java.util.Map;

/**
 * The shared PostgreSQL stops answering (a loopback listener that accepts and never replies):
 * {@code mailtoken token} fails within the connect timeout as a transient error, and once the
 * database is back the grant works.
 */
final class DatabaseRows {
  private DatabaseRows() {
  }

  static List<Row> rows() {
    return List.of(new Row("database-hang", StoreKind.POSTGRESQL, RotationPolicy.ROTATE_REUSE_DETECTION,
        "the PostgreSQL host accepts connections and never answers",
        "Opening the store gives up after `MAILTOKEN_DB_CONNECT_TIMEOUT` (plus about a second) with a transient"
            + " error, exit 6, never after 30–40 s with a driver's exit 1; nothing is sent to the provider.",
        DatabaseRows::hang));
  }

  private static RowResult hang(Stage stage) throws Exception {
    Limits limits = stage.limits;
    Bound bound = new Bound(limits.connectTimeout().plusSeconds(1).plus(limits.slack()), "connect timeout "
        + Bound.seconds(limits.connectTimeout()) + " + 1 s + slack " + Bound.seconds(limits.slack()));
    stage.withAlice();
    Run run;
    try (LoopbackRelay database = LoopbackRelay.neverAnswering()) {
      String url = "jdbc:postgresql://127.0.0.1:" + database.port() + "/mailtoken?user=postgres";
      run = stage.command(Map.of("MAILTOKEN_DB", url), bound.limit().multipliedBy(3), "token", ALICE);
    }
    long requests = stage.tokenRequests();
    Recovery recovery = stage.recover(ALICE);
    return new RowResult(Outcome.of(run), run.elapsed(), bound, Long.toString(requests), !recovery.live(),
        recovery.verdict(), "");
  }
}
