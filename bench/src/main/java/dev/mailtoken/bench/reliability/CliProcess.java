package dev.mailtoken.bench.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One {@code mailtoken} command in a JVM of its own ({@link GatedCli}): started with the given
 * environment (nothing of the runner's {@code MAILTOKEN_*} leaks in), released with {@link #go},
 * killed with SIGKILL by {@link #kill}. Its stdout and stderr are collected by daemon threads.
 */
final class CliProcess implements AutoCloseable {
  /** The launcher's JVM options for a short-lived process (bin/mailtoken, without the CDS archive). */
  private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
      "-Xlog:disable", "-Xlog:all=error:stderr");

  private final String description;
  private final Process process;
  private final List<String> out = new CopyOnWriteArrayList<>();
  private final List<String> err = new CopyOnWriteArrayList<>();
  private volatile long releasedAt;

  private CliProcess(String description, Process process) {
    this.description = description;
    this.process = process;
    collect(process.getInputStream(), out, "out");
    collect(process.getErrorStream(), err, "err");
  }

  /** Starts {@code mailtoken args…} and waits until it is ready to run (its JVM has started). */
  static CliProcess start(Map<String, String> env, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), GatedCli.class.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("MAILTOKEN_"));
    builder.environment().putAll(env);
    CliProcess child = new CliProcess("mailtoken " + String.join(" ", args), builder.start());
    child.awaitErr(GatedCli.READY::equals, Duration.ofSeconds(120));
    return child;
  }

  /** Lets the command run. */
  void go() throws IOException {
    releasedAt = System.nanoTime();
    Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    in.write("go\n");
    in.flush();
  }

  /** Waits for the command to finish; fails (and kills it) when it takes longer than {@code limit}. */
  Run await(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      return traced(new Run(description, -1, Duration.ofNanos(System.nanoTime() - releasedAt), lines(out), cliErr(),
          true));
    }
    String exit = err.stream().filter(l -> l.startsWith(GatedCli.EXIT)).findFirst()
        .orElseThrow(() -> new IllegalStateException(description + " ended without its exit line: " + err));
    String[] words = exit.substring(GatedCli.EXIT.length()).split(" ");
    return traced(new Run(description, Integer.parseInt(words[0]), Duration.ofMillis(Long.parseLong(words[1])),
        lines(out), cliErr(), false));
  }

  /** The same, printed to stdout when the JVM runs with {@code -Dreliability.trace=true}. */
  private static Run traced(Run run) {
    if (Boolean.getBoolean("reliability.trace")) {
      System.out.println("   [trace] " + run.toString().replace("\n", "\n   [trace]   "));
    }
    return run;
  }

  /** Releases the command and waits for it. */
  Run run(Duration limit) throws IOException, InterruptedException {
    go();
    return await(limit);
  }

  /** Waits until a stderr line matches (e.g. the consent URL that authorize prints), and returns it. */
  String awaitErr(Predicate<String> wanted, Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      for (String line : err) {
        if (wanted.test(line)) {
          return line;
        }
      }
      if (!process.isAlive() && err.stream().noneMatch(wanted)) {
        break;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(description + ": no such line on stderr within " + limit + ": " + err);
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no finally block, no store close. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private String cliErr() {
    return lines(err.stream().filter(l -> !l.startsWith("@@")).toList());
  }

  private static String lines(List<String> lines) {
    return String.join("\n", lines);
  }

  private static void collect(InputStream stream, List<String> into, String name) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          into.add(line);
        }
      } catch (IOException e) {
        into.add("@@unreadable " + e);
      }
    }, "child-" + name);
    t.setDaemon(true);
    t.start();
  }
}
