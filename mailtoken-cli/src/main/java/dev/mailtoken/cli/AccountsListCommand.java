package dev.mailtoken.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mailtoken.store.StoredAccount;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mailtoken accounts list}: status, last refresh, token expiry, scopes. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts with their status.",
    footer = {"%nExamples:", "  mailtoken accounts list", "  mailtoken accounts list --json", ExitCode.FOOTER})
final class AccountsListCommand extends Verb {
  @Mixin
  JsonOption output;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      List<StoredAccount> accounts = access.store().accounts();
      if (output.json) {
        ArrayNode array = JsonOutput.array();
        accounts.forEach(a -> array.add(AccountView.json(a)));
        out().println(JsonOutput.write(array));
        return ExitCode.OK.code();
      }
      if (accounts.isEmpty()) {
        err().println("no accounts yet; connect one with: mailtoken authorize --app APP (or mailtoken import, or"
            + " mailtoken accounts add-service-account)");
        return ExitCode.OK.code();
      }
      out().printf("%-32s %-12s %-24s %-22s %-22s %s%n", "ACCOUNT", "APP", "STATUS", "LAST REFRESH", "TOKEN EXPIRES",
          "SCOPES");
      for (StoredAccount a : accounts) {
        out().printf("%-32s %-12s %-24s %-22s %-22s %s%n", a.address(), a.appName(), AccountView.status(a),
            a.lastRefresh().map(Object::toString).orElse("never"),
            a.accessTokenExpiresAt().map(Object::toString).orElse(a.hasAccessToken() ? "unknown" : "-"),
            String.join(" ", a.grantedScopes()));
      }
      return ExitCode.OK.code();
    }
  }
}
