package dev.mailtoken.bench.reliability;

import java.time.Duration;
import java.util.Locale;

/**
 * How long a command of a row may take, derived from the configured limits, and the formula it
 * came from (shown in the table).
 */
record Bound(Duration limit, String formula) {

  boolean allows(Duration elapsed) {
    return elapsed.compareTo(limit) <= 0;
  }

  /** "2.5 s", "4 s". */
  static String seconds(Duration d) {
    double s = d.toMillis() / 1000.0;
    return (s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f", s) : String.format(Locale.ROOT, "%.1f", s)) + " s";
  }

  /** "2.61 s": measured times keep two decimals. */
  static String measured(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
  }
}
