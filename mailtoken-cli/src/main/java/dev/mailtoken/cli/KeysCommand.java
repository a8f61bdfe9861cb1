package dev.mailtoken.cli;

import picocli.CommandLine.Command;

/** {@code mailtoken keys rotate|status|retire}. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the keys that encrypt the store.",
    subcommands = {KeysRotateCommand.class, KeysStatusCommand.class, KeysRetireCommand.class},
    footer = {"%nExamples:", "  mailtoken keys rotate", "  mailtoken keys status", "  mailtoken keys retire 1a2b3c4d",
        ExitCode.FOOTER})
final class KeysCommand extends Group {
}
