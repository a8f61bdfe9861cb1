package dev.mailtoken.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mailtoken apps remove NAME}: refused while accounts use the app. */
@Command(name = "remove", mixinStandardHelpOptions = true,
    description = "Remove an app (refused while accounts use it).",
    footer = {"%nExamples:", "  mailtoken apps remove gmail", ExitCode.FOOTER})
final class AppsRemoveCommand extends Verb {
  @Parameters(index = "0", paramLabel = "NAME", description = "The app's name.")
  String name;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      if (!access.store().removeApp(name)) {
        throw new CliException(ExitCode.CONFIGURATION, "no app named \"" + name + "\"",
            "list them with: mailtoken apps list");
      }
      out().println("removed app " + name);
      return ExitCode.OK.code();
    }
  }
}
