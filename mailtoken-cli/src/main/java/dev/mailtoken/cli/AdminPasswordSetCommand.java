package dev.mailtoken.cli;

import dev.mailtoken.Secret;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailtoken admin-password set}: reads the password from a file, a variable or a no-echo
 * prompt (typed twice), never from the command line. The server classes are reached only through
 * {@link AdminPasswordWriter}, so building the command line does not load them.
 */
@Command(name = "set", mixinStandardHelpOptions = true,
    description = "Set (or replace) the admin password; sessions logged in with the old one end at once.",
    footer = {"%nAt least 12 characters. Read from a no-echo prompt (typed twice), --password-file or"
        + " --password-env; never from the command line.", "%nExamples:", "  mailtoken admin-password set",
        "  mailtoken admin-password set --password-env MAILTOKEN_ADMIN_PASSWORD", ExitCode.FOOTER})
final class AdminPasswordSetCommand extends Verb {
  static final class Source {
    @Option(names = "--password-file", paramLabel = "FILE", description = "A file holding only the password.")
    Path file;

    @Option(names = "--password-env", paramLabel = "VAR", description = "An environment variable holding it.")
    String env;
  }

  @ArgGroup(exclusive = true)
  Source source = new Source();

  @Override
  int execute() throws Exception {
    Secret password = SecretInput.read("admin password", "--password", source.file, source.env,
        main().context().env(), main().context().secretReader());
    if (source.file == null && source.env == null) {
      Secret again = SecretInput.read("admin password (again)", "--password", null, null, main().context().env(),
          main().context().secretReader());
      if (!again.equals(password)) {
        throw new CliException(ExitCode.USAGE, "the two admin passwords typed differ; nothing was changed",
            "type the same password twice");
      }
    }
    new AdminPasswordWriter(main(), err()).set(password);
    err().println("admin password set; sessions logged in with an earlier one have ended");
    return ExitCode.OK.code();
  }
}
