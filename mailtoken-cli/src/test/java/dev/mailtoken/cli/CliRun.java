package dev.mailtoken.cli;

/** What one in-process run of the CLI produced. */
record CliRun(int exitCode, String out, String err) {
  /** Both streams, for "never prints X" checks. */
  String all() {
    return out + "\n" + err;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
  }
}
