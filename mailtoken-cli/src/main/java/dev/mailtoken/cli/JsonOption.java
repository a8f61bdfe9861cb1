package dev.mailtoken.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option the listing verbs share (picocli mixin). Set once by picocli when parsing. */
final class JsonOption {
  @Option(names = "--json", description = "Print JSON.")
  boolean json;
}
