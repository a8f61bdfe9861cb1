package dev.mailtoken.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code mailtoken api-tokens list}: ids, names, scopes, bindings, expiry, last use; never a value.
 * {@link ApiTokenListing} prints them, so building the command line loads no server class.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List API tokens (never their values).",
    footer = {"%nExamples:", "  mailtoken api-tokens list", "  mailtoken api-tokens list --json", ExitCode.FOOTER})
final class ApiTokensListCommand extends Verb {
  @Mixin
  JsonOption output;

  @Override
  int execute() throws Exception {
    return ApiTokenListing.print(main(), out(), err(), output.json);
  }
}
