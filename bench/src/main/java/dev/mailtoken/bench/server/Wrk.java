package dev.mailtoken.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code wrk} HTTP load generator (Debian package {@code wrk}) against a loopback URL
 * with a fixed number of connections and reads its result. Every request is
 * {@code GET /v1/accounts/user<random>@example.com/token} with the same bearer header, so both
 * servers of the hand-out benchmark get identical requests.
 */
final class Wrk {
  /** One run's result. */
  record Result(double requestsPerSecond, long requests, long non2xx, long socketErrors, String latency) { }

  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+),"
      + " timeout (\\d+)");
  private static final Pattern P50 = Pattern.compile("\\s+50%\\s+(\\S+)");
  private static final Pattern P99 = Pattern.compile("\\s+99%\\s+(\\S+)");

  private final Path script;
  private final int threads;
  private final int connections;

  Wrk(Path dir, String bearer, int accounts, int threads, int connections) throws IOException {
    this.threads = threads;
    this.connections = connections;
    this.script = dir.resolve("handout.lua");
    Files.writeString(script, String.join("\n",
        "wrk.headers[\"Authorization\"] = \"Bearer " + bearer + "\"",
        "math.randomseed(42)",
        "request = function()",
        "  return wrk.format(\"GET\", \"/v1/accounts/user\" .. math.random(0, " + (accounts - 1)
            + ") .. \"@example.com/token\")",
        "end", ""), StandardCharsets.UTF_8);
  }

  /** True when {@code wrk} is on the PATH. */
  static boolean installed() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(10, TimeUnit.SECONDS);
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The command line of one run, for the report. */
  List<String> command(int port, int seconds) {
    return List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency", "-s", script.toString(),
        "http://127.0.0.1:" + port);
  }

  Result run(int port, int seconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command(port, seconds)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("wrk failed:\n" + out);
    }
    Matcher errors = ERRORS.matcher(out);
    long socketErrors = 0;
    if (errors.find()) {
      for (int g = 1; g <= 4; g++) {
        socketErrors += Long.parseLong(errors.group(g));
      }
    }
    return new Result(Double.parseDouble(find(RPS, out, "0")), Long.parseLong(find(TOTAL, out, "0")),
        Long.parseLong(find(NON2XX, out, "0")), socketErrors,
        "p50 " + find(P50, out, "?") + ", p99 " + find(P99, out, "?"));
  }

  private static String find(Pattern p, String text, String otherwise) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : otherwise;
  }
}
