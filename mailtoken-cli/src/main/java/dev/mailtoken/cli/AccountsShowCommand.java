package dev.mailtoken.cli;

import dev.mailtoken.store.RefreshState;
import dev.mailtoken.store.StoredAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mailtoken accounts show ACCOUNT}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one account (no secret values).",
    footer = {"%nExamples:", "  mailtoken accounts show alice@example.com", ExitCode.FOOTER})
final class AccountsShowCommand extends Verb {
  @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The stored account (mailbox address).")
  String account;

  @Mixin
  JsonOption output;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      StoredAccount a = access.account(account);
      RefreshState refresh = access.store().refreshState(account).orElse(RefreshState.NONE);
      if (output.json) {
        out().println(JsonOutput.write(AccountView.json(a).set("refresh", AccountView.json(refresh))));
      } else {
        AccountView.details(a, out());
        AccountView.refresh(refresh, main().context().clock().instant(), out());
      }
      return ExitCode.OK.code();
    }
  }
}
