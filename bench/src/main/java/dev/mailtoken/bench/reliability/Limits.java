package dev.mailtoken.bench.reliability;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small limits every command of the matrix runs with (so the whole matrix takes minutes, not
 * hours), and the slack each bound allows on top of them for opening the store and a loaded
 * machine. Immutable.
 *
 * @param requestTimeout {@code MAILTOKEN_HTTP_TIMEOUT}
 * @param completionTimeout {@code MAILTOKEN_HTTP_COMPLETION_TIMEOUT}
 * @param lockWait {@code MAILTOKEN_LOCK_WAIT}
 * @param connectTimeout {@code MAILTOKEN_DB_CONNECT_TIMEOUT}
 * @param slack added to every bound: opening the store, class loading after the JVM started
 * @param accessTokenLifetime what the emulator's access tokens live: under the CLI's 60 s minimum,
 *     so every {@code mailtoken token} has to refresh
 */
record Limits(Duration requestTimeout, Duration completionTimeout, Duration lockWait, Duration connectTimeout,
    Duration slack, Duration accessTokenLifetime) {

  static final Limits DEFAULT = new Limits(Duration.ofSeconds(3), Duration.ofSeconds(8), Duration.ofSeconds(5),
      Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(30));

  /** The lease a refresh claim gets: the completion timeout plus the store's fixed 30 s margin. */
  Duration claimLease() {
    return completionTimeout.plusSeconds(30);
  }

  /** The environment variables that set these limits, as the CLI reads them. */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MAILTOKEN_HTTP_TIMEOUT", millis(requestTimeout));
    env.put("MAILTOKEN_HTTP_COMPLETION_TIMEOUT", millis(completionTimeout));
    env.put("MAILTOKEN_LOCK_WAIT", millis(lockWait));
    env.put("MAILTOKEN_DB_CONNECT_TIMEOUT", millis(connectTimeout));
    return env;
  }

  /** A bound of {@code limit} plus the slack, with its formula: "completion timeout 4 s + slack 3 s". */
  Bound plusSlack(String name, Duration limit) {
    return new Bound(limit.plus(slack), name + " " + Bound.seconds(limit) + " + slack " + Bound.seconds(slack));
  }

  /** A command that sends at most one request and waits for nobody: HTTP timeout + slack. */
  Bound requestBound() {
    return plusSlack("HTTP timeout", requestTimeout);
  }

  /** A command that waits for a late answer: completion timeout + slack. */
  Bound completionBound() {
    return plusSlack("completion timeout", completionTimeout);
  }

  /** A command that waits for another process: lock wait + slack. */
  Bound lockWaitBound() {
    return plusSlack("lock wait", lockWait);
  }

  /** The slack alone: for commands that must not wait for anything. */
  Bound slackOnly() {
    return new Bound(slack, "slack " + Bound.seconds(slack));
  }

  private static String millis(Duration d) {
    return d.toMillis() + "ms";
  }
}
