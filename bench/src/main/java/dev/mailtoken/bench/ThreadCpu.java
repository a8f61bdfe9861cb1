package dev.mailtoken.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this JVM's JIT compiler and GC threads, from Linux's {@code /proc/self/task}
 * (threads the JMX beans do not show). Zeros where there is no {@code /proc}. Stateless.
 */
final class ThreadCpu {
  /** Linux's USER_HZ: clock ticks per second in {@code /proc} stat files. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ThreadCpu() {
  }

  /** {JIT compiler ticks, GC ticks}, user plus system, summed over the live threads. */
  static long[] jitAndGcTicks() {
    long[] ticks = new long[2];
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String name = Files.readString(task.resolve("comm")).trim();
        int kind = name.contains("CompilerThre") ? 0 : name.startsWith("G1 ") || name.startsWith("GC Thread") ? 1 : -1;
        if (kind >= 0) {
          ticks[kind] += userPlusSystem(Files.readString(task.resolve("stat")));
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc, or a thread ended while being read: report what was summed
    }
    return ticks;
  }

  /** Fields 14 and 15 of a stat line, counted after the parenthesised command name. */
  private static long userPlusSystem(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  static double seconds(long ticks) {
    return ticks / TICKS_PER_SECOND;
  }
}
