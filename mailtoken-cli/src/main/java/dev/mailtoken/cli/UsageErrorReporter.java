package dev.mailtoken.cli;

import dev.mailtoken.internal.ServerText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a usage error (picocli's {@link ParameterException}: unknown command or option, missing or
 * conflicting options) as one {@code mailtoken:} line, a "did you mean" hint when a known command or
 * option is close to what was typed, and one hint pointing at the command's {@code --help} (not the
 * whole help text); exit {@link ExitCode#USAGE}. Commands are matched against {@link Subcommands#ALL}
 * at the root, because the process entry point registers only the command it was given. Stateless.
 */
final class UsageErrorReporter implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    CommandSpec spec = cl.getCommandSpec();
    PrintWriter err = cl.getErr();
    String message = ex.getMessage();
    Optional<String> suggestion = Optional.empty();
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String word = u.getUnmatched().get(0);
      if (!word.startsWith("-") && !spec.subcommands().isEmpty()) {
        message = "'" + word + "' is not a " + spec.qualifiedName() + " command";
        suggestion = Suggestions.closest(word, commands(spec)).map(c -> spec.qualifiedName() + " " + c);
      } else if (word.startsWith("-")) {
        String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        suggestion = Suggestions.closest(option, optionNames(spec));
      }
    }
    err.println("mailtoken: " + ServerText.printable(message));
    suggestion.ifPresent(s -> err.println("hint: did you mean " + s + "?"));
    String help = spec.subcommands().isEmpty() ? " --help shows its options and examples" : " --help lists its commands";
    err.println("hint: " + spec.qualifiedName() + help);
    err.flush();
    return ExitCode.USAGE.code();
  }

  private static Collection<String> commands(CommandSpec spec) {
    return spec.parent() == null ? Subcommands.ALL.keySet() : spec.subcommands().keySet();
  }

  private static List<String> optionNames(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    spec.options().forEach(o -> names.addAll(List.of(o.names())));
    return names;
  }
}
