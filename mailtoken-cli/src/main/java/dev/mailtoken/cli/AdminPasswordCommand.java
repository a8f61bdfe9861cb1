package dev.mailtoken.cli;

import picocli.CommandLine.Command;

/** {@code mailtoken admin-password set|clear}: the password of the server's admin pages. */
@Command(name = "admin-password", mixinStandardHelpOptions = true,
    description = "Set or remove the password of the server's admin pages (stored as a PBKDF2 hash).",
    subcommands = {AdminPasswordSetCommand.class, AdminPasswordClearCommand.class},
    footer = {"%nWithout a password, log in to the admin pages with an API token holding admin.", "%nExamples:",
        "  mailtoken admin-password set", "  mailtoken admin-password set --password-file /run/secrets/admin",
        "  mailtoken admin-password clear", ExitCode.FOOTER})
final class AdminPasswordCommand extends Group {
}
