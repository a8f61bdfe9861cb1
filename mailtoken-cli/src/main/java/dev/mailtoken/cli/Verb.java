package dev.mailtoken.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every subcommand: reaches the root {@link Main} (global options, injected context) and the
 * injected writers. Results go to {@link #out()}, messages to {@link #err()}.
 */
abstract class Verb implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  Main main() {
    return (Main) spec.root().userObject();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Override
  public final Integer call() throws Exception {
    int code = execute();
    out().flush();
    err().flush();
    return code;
  }

  /** Runs the command; returns the exit code (usually {@code ExitCode.OK.code()}). */
  abstract int execute() throws Exception;
}
