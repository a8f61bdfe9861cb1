package dev.mailtoken.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, as {@code uptime} prints it: printed next to every measurement. */
final class MachineLoad {
  private MachineLoad() {
  }

  /** {@code load average: 1m, 5m, 15m} from {@code /proc/loadavg}, or a note when it cannot be read. */
  static String now() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return "load average: " + f[0] + ", " + f[1] + ", " + f[2] + " (" + Runtime.getRuntime().availableProcessors()
          + " cores)";
    } catch (IOException | RuntimeException e) {
      return "load average unknown (" + e.getClass().getSimpleName() + ")";
    }
  }
}
