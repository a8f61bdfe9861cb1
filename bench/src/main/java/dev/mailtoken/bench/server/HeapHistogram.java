package dev.mailtoken.bench.server;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;

/**
 * The live heap by class, as {@code jcmd <pid> GC.class_histogram} prints it, taken in-process
 * through the {@code DiagnosticCommand} MBean (it runs a full GC first, so only reachable objects
 * count). Two histograms subtracted give what a step retained, by class.
 */
final class HeapHistogram {
  /** One class's instances and shallow bytes. */
  record Row(String className, long instances, long bytes) { }

  private final Map<String, Row> rows;

  private HeapHistogram(Map<String, Row> rows) {
    this.rows = rows;
  }

  /** A histogram of the live heap now (after a full GC). */
  static HeapHistogram take() throws Exception {
    // A few GCs first so reference queues, cleaners and finalizers have run.
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    Object out = ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Map<String, Row> rows = new HashMap<>();
    for (String line : out.toString().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 4 || !f[0].endsWith(":")) {
        continue;
      }
      rows.put(f[3], new Row(f[3], Long.parseLong(f[1]), Long.parseLong(f[2])));
    }
    return new HeapHistogram(rows);
  }

  long totalBytes() {
    return rows.values().stream().mapToLong(Row::bytes).sum();
  }

  /** What {@code later} holds beyond this histogram, class by class, largest first (only growth). */
  List<Row> growthTo(HeapHistogram later) {
    List<Row> out = new ArrayList<>();
    for (Row r : later.rows.values()) {
      Row before = rows.get(r.className());
      long n = r.instances() - (before == null ? 0 : before.instances());
      long b = r.bytes() - (before == null ? 0 : before.bytes());
      if (b != 0) {
        out.add(new Row(r.className(), n, b));
      }
    }
    out.sort((x, y) -> Long.compare(y.bytes(), x.bytes()));
    return out;
  }

  /** Shallow size of a {@code String} of {@code length} Latin-1 characters with its byte array (compressed oops). */
  static long latin1StringBytes(int length) {
    return 24 + align(16 + length);
  }

  private static long align(long bytes) {
    return (bytes + 7) / 8 * 8;
  }

  /** Prints the growth per account of every class that grew by at least 1 byte per account. */
  static void print(List<Row> growth, int accounts) {
    System.out.printf("  %-70s %12s %10s%n", "class", "instances/acct", "B/acct");
    for (Row r : growth) {
      double perAccount = (double) r.bytes() / accounts;
      if (Math.abs(perAccount) >= 1.0) {
        System.out.printf("  %-70s %12.2f %10.1f%n", r.className(), (double) r.instances() / accounts, perAccount);
      }
    }
  }
}
