package dev.mailtoken.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/** Names for processes and spans in coordination messages ({@code pid 4242 on build-7}, {@code 30 s}). Stateless. */
final class Owners {
  private Owners() {
  }

  /** This process, as other processes see it in a claim. */
  static String thisProcess() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | SecurityException e) {
      host = "an unnamed host";
    }
    return "pid " + ProcessHandle.current().pid() + " on " + host;
  }

  /** {@code 850 ms} below a second, {@code 1.5 s} below a minute, else whole seconds ({@code 120 s}). */
  static String describe(Duration d) {
    long millis = Math.max(0, d.toMillis());
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000 && millis % 1000 != 0) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return millis / 1000 + " s";
  }
}
