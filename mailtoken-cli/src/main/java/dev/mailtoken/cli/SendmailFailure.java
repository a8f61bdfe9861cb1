package dev.mailtoken.cli;

/**
 * A failure {@code mailtoken sendmail} finds itself, with the {@link Sysexit} it ends with and a
 * hint. Unchecked and package-private: it travels from the command to its own error reporting.
 */
final class SendmailFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Sysexit sysexit;
  private final String hint;

  SendmailFailure(Sysexit sysexit, String message, String hint) {
    super(message);
    this.sysexit = sysexit;
    this.hint = hint;
  }

  Sysexit sysexit() {
    return sysexit;
  }

  /** What to do next, or null. */
  String hint() {
    return hint;
  }

  /** The same message and hint as a {@link CliException}, which the CLI's error reporter prints. */
  CliException asCliException() {
    ExitCode code = sysexit == Sysexit.USAGE || sysexit == Sysexit.DATAERR ? ExitCode.USAGE
        : sysexit == Sysexit.TEMPFAIL ? ExitCode.TRANSIENT : ExitCode.CONFIGURATION;
    return new CliException(code, getMessage(), hint);
  }
}
