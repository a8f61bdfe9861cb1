package dev.mailtoken.cli;

import picocli.CommandLine.Command;

/** {@code mailtoken accounts list|show|remove}. */
@Command(name = "accounts", mixinStandardHelpOptions = true,
    description = "Show and remove stored accounts (never their secret values).",
    subcommands = {AccountsListCommand.class, AccountsShowCommand.class, AccountsRemoveCommand.class},
    footer = {"%nExamples:", "  mailtoken accounts list", "  mailtoken accounts show alice@example.com --json",
        "  mailtoken accounts remove alice@example.com", ExitCode.FOOTER})
final class AccountsCommand extends Group {
}
