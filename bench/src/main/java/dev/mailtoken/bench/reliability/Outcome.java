package dev.mailtoken.bench.reliability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A command's outcome as the table shows it: the exit code's name and the first words of the
 * CLI's error line, with what changes from run to run (ports, instants, process ids, temporary
 * paths) replaced so the document only changes when behaviour does. Stateless.
 */
final class Outcome {
  private static final int MAX_MESSAGE = 130;
  private static final Map<Integer, String> NAMES = Map.of(0, "ok", 1, "failure", 2, "usage",
      3, "reauthorization required", 4, "internal error", 5, "configuration", 6, "transient", 7, "consent",
      -1, "killed: still running past its limit");
  private static final Pattern PORT = Pattern.compile("(127\\.0\\.0\\.1|localhost):\\d+");
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z");
  private static final Pattern PID = Pattern.compile("pid \\d+ on [^)\\s,;]+");
  private static final Pattern TEMP = Pattern.compile("/[^\\s]*mailtoken-reliability-[^/\\s]*");
  private static final Pattern KEY_ID = Pattern.compile("\\b[0-9a-f]{8}\\b");
  private static final Pattern AFTER = Pattern.compile("after \\d+ ms");
  private static final Pattern FOR_SECONDS = Pattern.compile("for \\d+(\\.\\d+)? s\\b");

  private Outcome() {
  }

  /** "exit 6 (transient)". */
  static String exit(Run run) {
    return "exit " + run.exitCode() + " (" + NAMES.getOrDefault(run.exitCode(), "?") + ")";
  }

  /** "exit 6 (transient): `… did not answer the refresh … within 1000 ms …`". */
  static String of(Run run) {
    String message = message(run);
    return message.isEmpty() ? exit(run) : exit(run) + ": " + message;
  }

  /** "1 × exit 6 (transient): `…`; 2 × exit 6 (transient): `…`": equal outcomes counted, in order of first appearance. */
  static String summary(List<Run> runs) {
    Map<String, Integer> byOutcome = new LinkedHashMap<>();
    for (Run r : runs) {
      byOutcome.merge(of(r), 1, Integer::sum);
    }
    StringBuilder s = new StringBuilder();
    byOutcome.forEach((outcome, n) -> s.append(s.length() == 0 ? "" : "; ").append(n).append(" × ").append(outcome));
    return s.toString();
  }

  /** The error line, normalised, shortened and quoted as inline code; "" when there is none. */
  static String message(Run run) {
    String m = normalise(run.errorLine());
    if (m.isEmpty()) {
      return "";
    }
    int sentence = m.indexOf(". ");
    m = sentence > 0 ? m.substring(0, sentence + 1) : m;
    if (m.length() > MAX_MESSAGE) {
      m = m.substring(0, MAX_MESSAGE).stripTrailing() + "…";
    }
    return "`" + m.replace("`", "'").replace("|", "\\|") + "`";
  }

  static String normalise(String text) {
    String t = TEMP.matcher(text).replaceAll("\\$MAILTOKEN_HOME");
    t = PORT.matcher(t).replaceAll("$1:PORT");
    t = INSTANT.matcher(t).replaceAll("T");
    t = PID.matcher(t).replaceAll("pid N on HOST");
    t = KEY_ID.matcher(t).replaceAll("KEYID");
    t = FOR_SECONDS.matcher(t).replaceAll("for N s");   // "has been refreshing … for 5.3 s"
    return AFTER.matcher(t).replaceAll("after N ms");    // "gave up after 1043 ms"
  }
}
