package dev.mailtoken.bench.reliability;

/**
 * The check after a fault cleared: {@code mailtoken token} with the stored grant. {@code requests}
 * is how many token requests it sent; {@code live} whether the token it printed works.
 */
record Recovery(Run run, long requests, boolean live) {

  /** "no (next token: exit 0, 1 request)" or "yes: exit 3 (…)". */
  String verdict() {
    if (live) {
      return "no (next `token`: exit 0 in " + Bound.measured(run.elapsed()) + ", " + requests + " request"
          + (requests == 1 ? "" : "s") + ")";
    }
    return "**yes**: next `token` exit " + run.exitCode() + " (" + Outcome.message(run) + ")";
  }
}
