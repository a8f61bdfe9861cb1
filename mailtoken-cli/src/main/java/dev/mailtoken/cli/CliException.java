package dev.mailtoken.cli;

/**
 * A failure the CLI itself detects (unknown app, missing option combination, timeout waiting for
 * consent), carrying the exit code and a hint for the user. Unchecked and package-private: it
 * travels from a subcommand to the error reporter and never escapes the CLI.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;
  private final String hint;

  CliException(ExitCode exitCode, String message, String hint) {
    super(message);
    this.exitCode = exitCode;
    this.hint = hint;
  }

  CliException(ExitCode exitCode, String message) {
    this(exitCode, message, null);
  }

  ExitCode exitCode() {
    return exitCode;
  }

  /** What to do next, or null. */
  String hint() {
    return hint;
  }
}
