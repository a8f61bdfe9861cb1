package dev.mailtoken.cli;

import java.io.Console;
import java.util.Optional;

/**
 * Reads a secret typed by the user without echo. The default reads from {@link System#console()};
 * tests pass their own. Implementations are called from the command thread only.
 */
@FunctionalInterface
public interface SecretReader {
  /** The value typed, or empty when there is no terminal to ask (or the user typed nothing). */
  Optional<String> read(String prompt);

  /** Reads from the process's console without echo; empty when stdin is not a terminal. */
  static SecretReader console() {
    return prompt -> {
      Console console = System.console();
      if (console == null) {
        return Optional.empty();
      }
      char[] typed = console.readPassword("%s", prompt);
      return typed == null || typed.length == 0 ? Optional.empty() : Optional.of(new String(typed));
    };
  }

  /** A reader for places with no terminal at all. */
  static SecretReader none() {
    return prompt -> Optional.empty();
  }
}
