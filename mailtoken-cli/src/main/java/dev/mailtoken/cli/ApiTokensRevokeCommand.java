package dev.mailtoken.cli;

import dev.mailtoken.server.ServerAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mailtoken api-tokens revoke ID}: the token stops working at once, on every server node. */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API token by its id.",
    footer = {"%nExamples:", "  mailtoken api-tokens revoke 3f9c2a7d41b0e815", ExitCode.FOOTER})
final class ApiTokensRevokeCommand extends Verb {
  @Parameters(index = "0", paramLabel = "ID", description = "The token's id (mailtoken api-tokens list).")
  String id;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      ServerAdmin.open(access.store(), main().context().clock()).apiTokens().revoke(id, "cli");
      out().println("revoked API token " + id);
      return ExitCode.OK.code();
    }
  }
}
