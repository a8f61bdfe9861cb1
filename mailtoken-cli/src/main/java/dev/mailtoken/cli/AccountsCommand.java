package dev.mailtoken.cli;

import picocli.CommandLine.Command;

/** {@code mailtoken accounts list|show|set|add-service-account|remove}. */
@Command(name = "accounts", mixinStandardHelpOptions = true,
    description = "Show, change, add (service accounts) and remove stored accounts (never their secret values).",
    subcommands = {AccountsListCommand.class, AccountsShowCommand.class, AccountsSetCommand.class,
        AccountsAddServiceAccountCommand.class, AccountsRemoveCommand.class},
    footer = {"%nExamples:", "  mailtoken accounts list", "  mailtoken accounts show alice@example.com --json",
        "  mailtoken accounts set alice@contoso.com --transport graph",
        "  mailtoken accounts add-service-account bot@example.com \\", "      --app ws --key-file sa-key.json",
        "  mailtoken accounts remove alice@example.com", ExitCode.FOOTER})
final class AccountsCommand extends Group {
}
