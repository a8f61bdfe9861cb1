package dev.mailtoken.bench.reliability;

import dev.mailtoken.testkit.RotationPolicy;
import java.util.Objects;

/**
 * One row of the matrix: a fault, the store it runs on, the provider's rotation policy, what the
 * behaviour should be (written in the document under the table), and the scenario that injects
 * the fault and measures. {@code lossUnavoidable} marks a row where no client could keep the grant
 * (the provider rotated the refresh token and its answer never arrived): a loss there is reported
 * as such, anywhere else as a defect. Defining a row starts nothing.
 */
record Row(String name, StoreKind store, RotationPolicy rotation, String fault, String behaviour, Scenario scenario,
    boolean lossUnavoidable) {

  /** Injects the fault on a prepared {@link Stage} and measures what happened. */
  @FunctionalInterface
  interface Scenario {
    RowResult run(Stage stage) throws Exception;
  }

  Row {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(rotation, "rotation");
    Objects.requireNonNull(fault, "fault");
    Objects.requireNonNull(behaviour, "behaviour");
    Objects.requireNonNull(scenario, "scenario");
  }

  Row(String name, StoreKind store, RotationPolicy rotation, String fault, String behaviour, Scenario scenario) {
    this(name, store, rotation, fault, behaviour, scenario, false);
  }

  /** The same row, marked as one where no client could keep the grant. */
  Row withLossUnavoidable() {
    return new Row(name, store, rotation, fault, behaviour, scenario, true);
  }

  /** The row's id in the document: {@code name/store}, e.g. {@code delay/sqlite}. */
  String id() {
    return name + "/" + store.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The same fault on another store. */
  Row on(StoreKind other) {
    return new Row(name, other, rotation, fault, behaviour, scenario, lossUnavoidable);
  }

  String provider() {
    switch (rotation) {
      case NONE:
        return "keeps its refresh token";
      case ROTATE:
        return "rotates, old token stays valid";
      default:
        return "rotates with reuse detection";
    }
  }
}
