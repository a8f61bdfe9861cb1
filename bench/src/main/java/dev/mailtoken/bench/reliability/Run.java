package dev.mailtoken.bench.reliability;

import java.time.Duration;

/**
 * What one {@code mailtoken} command did: its exit code ({@code -1} when it was killed for running
 * past its limit), how long it ran after it was released, and its output. {@code out} may hold an
 * access token (the output of {@code mailtoken token}): never print it; {@link #toString} does not.
 */
record Run(String command, int exitCode, Duration elapsed, String out, String err, boolean hung) {

  boolean ok() {
    return exitCode == 0;
  }

  /** The CLI's one-line error without its {@code mailtoken: } prefix, or "" when it printed none. */
  String errorLine() {
    return err.lines().filter(l -> l.startsWith("mailtoken: ")).map(l -> l.substring("mailtoken: ".length()))
        .findFirst().orElse("");
  }

  @Override
  public String toString() {
    return command + " -> exit " + exitCode + " after " + elapsed.toMillis() + " ms" + (hung ? " (killed: hung)" : "")
        + "\n" + err;
  }
}
