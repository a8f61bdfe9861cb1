package dev.mailtoken.bench.reliability;

import dev.mailtoken.cli.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The child process of the matrix: the real {@code mailtoken} CLI ({@link Main}, with this
 * process's environment and the system clock, as {@code bin/mailtoken} runs it), held at a gate so
 * that several processes can be started (JVM start-up is slow on a busy machine) and then released
 * at the same moment. Runs {@code mailtoken accounts list} first (output discarded) to load the
 * classes a command needs, then prints {@code @@ready} on stderr, waits for a line on stdin, runs the
 * command, prints {@code @@exit CODE MILLIS} (the time the command took, JVM start-up excluded)
 * and exits with the command's code.
 */
public final class GatedCli {
  static final String READY = "@@ready";
  static final String EXIT = "@@exit ";

  private GatedCli() {
  }

  public static void main(String[] args) throws Exception {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    // Warm-up: load the CLI's, the store's and the driver's classes before the gate, so the time
    // measured is the command's own work, not a cold JVM's class loading on a busy machine.
    PrintWriter discard = new PrintWriter(Writer.nullWriter());
    new Main(System.getenv(), Clock.systemUTC()).commandLine(discard, discard).execute("accounts", "list");
    err.println(READY);
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    long start = System.nanoTime();
    int code = new Main(System.getenv(), Clock.systemUTC()).commandLine(out, err).execute(args);
    out.flush();
    err.println(EXIT + code + " " + (System.nanoTime() - start) / 1_000_000);
    err.flush();
    System.exit(code);
  }
}
