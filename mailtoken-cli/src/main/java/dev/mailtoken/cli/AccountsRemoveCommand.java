package dev.mailtoken.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mailtoken accounts remove ACCOUNT}: deletes the local account; does not revoke (see {@code revoke}). */
@Command(name = "remove", mixinStandardHelpOptions = true,
    description = "Delete an account and its secrets locally (use revoke first to also revoke at the provider).",
    footer = {"%nExamples:", "  mailtoken revoke alice@example.com && mailtoken accounts remove alice@example.com",
        ExitCode.FOOTER})
final class AccountsRemoveCommand extends Verb {
  @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The stored account (mailbox address).")
  String account;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      if (!access.store().removeAccount(account)) {
        throw access.noSuchAccount(account);
      }
      out().println("removed account " + account + " (the grant at the provider was not revoked)");
      return ExitCode.OK.code();
    }
  }
}
