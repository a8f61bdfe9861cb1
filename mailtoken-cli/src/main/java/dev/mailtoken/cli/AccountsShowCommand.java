package dev.mailtoken.cli;

import dev.mailtoken.store.StoredAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailtoken accounts show ACCOUNT}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one account (no secret values).",
    footer = {"%nExamples:", "  mailtoken accounts show alice@example.com", ExitCode.FOOTER})
final class AccountsShowCommand extends Verb {
  @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The stored account (mailbox address).")
  String account;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      StoredAccount a = access.account(account);
      if (json) {
        out().println(JsonOutput.write(AccountView.json(a)));
      } else {
        AccountView.details(a, out());
      }
      return ExitCode.OK.code();
    }
  }
}
