package dev.mailtoken.bench.reliability;

import static dev.mailtoken.bench.reliability.Stage.ALICE;

import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.RotationPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code kill -9} of a {@code mailtoken token} process whose refresh request has reached the
 * provider: its claim stays in the store until its lease runs out, a second process waits for it
 * (and sends nothing), and the first refresh after the lease tells whether the grant survived.
 */
final class CrashRows {
  /** How long the provider takes to answer: long enough to kill the process while it waits. */
  private static final Duration ANSWER_AFTER = Duration.ofSeconds(2);

  private CrashRows() {
  }

  static List<Row> rows() {
    String fault = "process killed (SIGKILL) while its refresh request is at the provider";
    Row keeps = new Row("kill-9", StoreKind.SQLITE, RotationPolicy.NONE, fault,
        "The dead process's claim stays until its lease runs out (completion timeout + 30 s). A second `token`"
            + " meanwhile waits for it up to the lock wait and exits 6 naming the process, without a request of"
            + " its own. After the lease, the next refresh knows the outcome is unknown and tries once with the"
            + " stored refresh token; Google keeps refresh tokens, so it works and the mark is cleared.",
        CrashRows::killMidRefresh);
    Row reuse = new Row("kill-9-reuse-detection", StoreKind.SQLITE, RotationPolicy.ROTATE_REUSE_DETECTION, fault,
        "As above, but the provider rotated the refresh token for the killed process, whose answer died with"
            + " it. The one try after the lease sends the old token, and reuse detection revokes the family: the"
            + " grant is lost and cannot be saved by any client. mailtoken's part is to say exactly that (exit 3,"
            + " \"a refresh was interrupted at T (process crash or timeout); the provider revoked the token family;"
            + " run mailtoken authorize\"; `mailtoken doctor` says the same) and to send nothing more.",
        CrashRows::killMidRefresh).withLossUnavoidable();
    return List.of(keeps, keeps.on(StoreKind.POSTGRESQL), reuse);
  }

  private static RowResult killMidRefresh(Stage stage) throws Exception {
    Limits limits = stage.limits;
    Bound bound = limits.lockWaitBound();
    stage.withAlice();
    stage.provider.faults().next(Endpoint.TOKEN, Fault.delay(ANSWER_AFTER));
    int issued = stage.provider.issuedSecrets().size();
    Run waiter;
    try (CliProcess victim = stage.start("token", ALICE); CliProcess second = stage.start("token", ALICE)) {
      victim.go();
      awaitUntil(() -> stage.tokenRequests() >= 1, Duration.ofSeconds(60));
      victim.kill();
      waiter = second.run(bound.limit().multipliedBy(3));
    }
    String state = stage.refreshState(ALICE, Instant.now());
    long requests = stage.tokenRequests();
    awaitUntil(() -> stage.provider.issuedSecrets().size() > issued, ANSWER_AFTER.multipliedBy(5));
    Recovery recovery = stage.recover(ALICE);   // waits for the dead claim's lease to run out
    String after = stage.refreshState(ALICE, Instant.now());
    String outcome = "a second `token`: " + Outcome.of(waiter);
    String requestsText = requests + " (the killed process's; the second process sent none)";
    return new RowResult(outcome, waiter.elapsed(), bound, requestsText, !recovery.live(), recovery.verdict(),
        "after the second process the store says: " + state + "; after the lease (" + Bound.seconds(limits.claimLease())
            + "), the next `token`: " + Outcome.of(recovery.run()) + ", and then the store says: " + after);
  }

  static void awaitUntil(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("not reached within " + limit);
      }
      Thread.sleep(20);
    }
  }
}
