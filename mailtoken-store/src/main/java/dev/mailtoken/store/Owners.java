package dev.mailtoken.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

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

  /** {@code 850 ms} below a second, else whole seconds ({@code 31 s}). */
  static String describe(Duration d) {
    return d.compareTo(Duration.ofSeconds(1)) < 0 ? Math.max(0, d.toMillis()) + " ms" : d.toSeconds() + " s";
  }
}
