package dev.mailtoken.cli;

import picocli.CommandLine.Command;

/** {@code mailtoken admin-password clear}: only API tokens holding admin log in afterwards. */
@Command(name = "clear", mixinStandardHelpOptions = true,
    description = "Remove the admin password; sessions logged in with it end at once.",
    footer = {"%nExamples:", "  mailtoken admin-password clear", ExitCode.FOOTER})
final class AdminPasswordClearCommand extends Verb {
  @Override
  int execute() throws Exception {
    boolean removed = new AdminPasswordWriter(main(), err()).clear();
    err().println(removed ? "admin password removed; log in with an API token holding admin"
        : "no admin password was set; nothing changed");
    return ExitCode.OK.code();
  }
}
