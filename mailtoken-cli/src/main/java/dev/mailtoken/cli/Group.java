package dev.mailtoken.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code apps}, {@code accounts}, {@code keys}): alone it is a usage error. */
abstract class Group implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "mailtoken " + spec.name() + " needs a subcommand: "
        + String.join(", ", spec.subcommands().keySet()));
  }
}
