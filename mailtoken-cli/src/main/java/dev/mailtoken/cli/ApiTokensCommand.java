package dev.mailtoken.cli;

import picocli.CommandLine.Command;

/** {@code mailtoken api-tokens create|list|revoke}: the server's API tokens, with or without a running server. */
@Command(name = "api-tokens", mixinStandardHelpOptions = true,
    description = "Create, list and revoke the server's API tokens (stored hashed; a value is shown once).",
    subcommands = {ApiTokensCreateCommand.class, ApiTokensListCommand.class, ApiTokensRevokeCommand.class},
    footer = {"%nExamples:", "  mailtoken api-tokens create --name crm --scope token --account alice@example.com",
        "  mailtoken api-tokens list", "  mailtoken api-tokens revoke 3f9c2a7d41b0e815", ExitCode.FOOTER})
final class ApiTokensCommand extends Group {
}
