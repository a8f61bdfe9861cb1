package dev.mailtoken.cli;

/**
 * A failure the CLI itself detects (unknown app, missing option combination, timeout waiting for
 * consent), carrying the exit code and a hint for the user. Unchecked: it travels from a
 * subcommand to the error reporter and never escapes the CLI.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;
  private final String hint;

  public CliException(ExitCode exitCode, String message, String hint) {
    super(message);
    this.exitCode = exitCode;
    this.hint = hint;
  }

  public CliException(ExitCode exitCode, String message) {
    this(exitCode, message, null);
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  /** What to do next, or null. */
  public String hint() {
    return hint;
  }
}
