package dev.mailtoken.cli;

import picocli.CommandLine.Command;

/** {@code mailtoken apps add|update|list|remove}. */
@Command(name = "apps", mixinStandardHelpOptions = true,
    description = "Manage OAuth2 apps (clients registered at a provider).",
    subcommands = {AppsAddCommand.class, AppsUpdateCommand.class, AppsListCommand.class, AppsRemoveCommand.class},
    footer = {"%nExamples:", "  mailtoken apps add gmail --provider google --client-id 123.apps.googleusercontent.com"
        + " --client-secret-env GMAIL_CLIENT_SECRET", "  mailtoken apps update gmail --client-secret-file new-secret.txt",
        "  mailtoken apps list", "  mailtoken apps remove gmail", ExitCode.FOOTER})
final class AppsCommand extends Group {
}
