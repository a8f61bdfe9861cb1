package dev.mailtoken.store;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A store in another JVM ({@link RefreshInAnotherProcess}): a real second process, with its own
 * connections, locks and death. Its output lines (its logs too) are collected by a daemon thread.
 */
final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Writer in;

  private ChildProcess(Process process) {
    this.process = process;
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::read, "child-" + process.pid() + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a child for {@code account}; {@code timeoutsMillis} are request, completion and lock wait (optional). */
  static ChildProcess start(String url, KeyRing keys, Instant clock, String account, long... timeoutsMillis)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath(), RefreshInAnotherProcess.class.getName(), url,
        keys.currentKeyBase64().reveal(), clock.toString(), account));
    for (long t : timeoutsMillis) {
      command.add(Long.toString(t));
    }
    return new ChildProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /**
   * The class path of a child JVM: everything this one loads, on the class path. Surefire runs these
   * tests patched into the store's named module, so besides {@code java.class.path} that is the module
   * path and the test classes (patched in, on neither path).
   */
  static String classPath() {
    List<String> entries = new ArrayList<>();
    String self = ChildProcess.class.getName().replace('.', '/') + ".class";
    try {
      Path testClasses = Path.of(ChildProcess.class.getClassLoader().getResource(self).toURI());
      for (int i = 0; i < self.split("/").length; i++) {
        testClasses = testClasses.getParent();
      }
      entries.add(testClasses.toString());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property, "");
      if (!value.isEmpty()) {
        entries.add(value);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  long pid() {
    return process.pid();
  }

  void awaitReady(Duration limit) throws InterruptedException {
    awaitLine("READY", limit);
  }

  /** Lets the child ask for its token. */
  void go() {
    try {
      in.write("go\n");
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code TOKEN ...} or {@code FAILED ...} line. */
  String awaitResult(Duration limit) throws InterruptedException {
    return awaitLine("TOKEN |FAILED ", limit);
  }

  /** The first line starting with one of the {@code |}-separated prefixes; fails after {@code limit}. */
  String awaitLine(String prefixes, Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (true) {
      String line = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("child " + process.pid() + " printed no line starting with " + prefixes + " within "
            + limit);
      }
      for (String p : prefixes.split("\\|")) {
        if (line.startsWith(p)) {
          return line;
        }
      }
    }
  }

  boolean awaitExit(Duration limit) throws InterruptedException {
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  int exitValue() {
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no finally block, no close. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  private void read() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("OUTPUT FAILED " + e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
