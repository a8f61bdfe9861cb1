package dev.mailtoken.bench.reliability;

import java.time.Duration;

/**
 * What a row measured. {@code elapsed} is the slowest command of the fault (JVM start-up
 * excluded), checked against {@code bound}; {@code requests} says which token requests were made
 * and where they went; {@code lost} is the verdict after the fault cleared ({@link Recovery#verdict}
 * or a row's own check); {@code notes} adds what the table has no room for.
 */
record RowResult(String outcome, Duration elapsed, Bound bound, String requests, boolean lost, String lostVerdict,
    String notes) {

  boolean withinBound() {
    return bound.allows(elapsed);
  }

  /** A failure of the runner itself (the scenario threw): shown as such, never as a pass. */
  static RowResult broken(Exception e) {
    return new RowResult("**the runner failed**: " + e.getClass().getSimpleName() + ": "
        + Outcome.normalise(String.valueOf(e.getMessage())).lines().findFirst().orElse(""),
        Duration.ZERO, new Bound(Duration.ZERO, "—"), "?", true, "**unknown** (the row did not finish)", "");
  }
}
