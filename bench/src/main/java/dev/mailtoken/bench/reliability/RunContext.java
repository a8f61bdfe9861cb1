package dev.mailtoken.bench.reliability;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Where and when the matrix ran, for the document's header: the machine and its load at the start
 * and at the end (other jobs may share the cores; the times include waiting for one).
 */
record RunContext(Instant started, Duration took, int cores, String os, String jdk, double loadBefore,
    double loadAfter) {

  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static RunContext finished(Instant started, long startNanos, double loadBefore) {
    return new RunContext(started, Duration.ofNanos(System.nanoTime() - startNanos),
        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        System.getProperty("java.vm.name") + " " + Runtime.version(), loadBefore, load());
  }

  String machine() {
    return String.format(Locale.ROOT, "%d cores, %s, %s; load average %.1f at the start and %.1f at the end", cores,
        os, jdk, loadBefore, loadAfter) + (Math.max(loadBefore, loadAfter) > cores
            ? " (other jobs shared the machine: times include waiting for a core)" : "");
  }

  String duration() {
    long s = took.toSeconds();
    return s / 60 + " min " + s % 60 + " s";
  }
}
