package dev.mailtoken.server.web;

import java.util.Optional;

/**
 * One condition of {@code /health/ready} (database reachable, key loaded). Must be quick and
 * thread-safe; must not throw.
 */
public interface HealthCheck {
  /** A short name, e.g. {@code database}. */
  String name();

  /** Empty when fine, else what is wrong (never a secret). */
  Optional<String> problem();

  /** A check named {@code name} that runs {@code check}. */
  static HealthCheck of(String name, java.util.function.Supplier<Optional<String>> check) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<String> problem() {
        return check.get();
      }
    };
  }
}
