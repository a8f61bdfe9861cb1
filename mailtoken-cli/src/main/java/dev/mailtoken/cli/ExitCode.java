package dev.mailtoken.cli;

/**
 * The process exit codes of {@code mailtoken}, one place for all of them so scripts can rely on
 * them. Documented in every {@code --help} footer and in the README.
 */
public enum ExitCode {
  /** Done. */
  OK(0),
  /** Failed for a reason not listed below (the message says which). */
  FAILURE(1),
  /** Bad command line: unknown option, missing parameter (picocli's usage error). */
  USAGE(2),
  /** The account's grant is dead ({@code invalid_grant}): run {@code mailtoken authorize} again. */
  REAUTHORIZATION_REQUIRED(3),
  /** A bug: an exception nobody expected (the message says which; {@code --verbose} shows where). */
  INTERNAL(4),
  /** Configuration: app or account missing, bad or wrong key, wrong scope, provider refused the setup. */
  CONFIGURATION(5),
  /** The provider or network failed in a way that may pass: try again later. */
  TRANSIENT(6),
  /** Consent was denied, did not match our request, or did not come back in time. */
  CONSENT(7);

  /** The help footer line listing every code. */
  public static final String FOOTER = "%nExit codes: 0 ok, 1 failure, 2 usage, 3 reauthorization required,"
      + " 4 internal error, 5 configuration, 6 provider/network transient, 7 consent denied/timeout.";

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The numeric process exit code. */
  public int code() {
    return code;
  }
}
