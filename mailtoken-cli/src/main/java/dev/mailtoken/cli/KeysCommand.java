package dev.mailtoken.cli;

import picocli.CommandLine.Command;

/** {@code mailtoken keys rotate}. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the key that encrypts the store.",
    subcommands = KeysRotateCommand.class,
    footer = {"%nExamples:", "  mailtoken keys rotate", ExitCode.FOOTER})
final class KeysCommand extends Group {
}
