package dev.mailtoken.cli;

import dev.mailtoken.store.KeyRing;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mailtoken keys retire KEYID}: removes an old key from the key file, refused (exit 5, nothing
 * changed) while it is the store's current key or any encrypted field or row MAC uses it.
 */
@Command(name = "retire", mixinStandardHelpOptions = true,
    description = "Remove an old key from the key file once no stored field uses it.",
    footer = {"%nRefused (exit 5, nothing changed) while KEYID is the current key, any secret is encrypted under it or"
        + " any row sealed with it: run `mailtoken keys rotate` first. `mailtoken keys status` shows the counts.",
        "%nExamples:", "  mailtoken keys status", "  mailtoken keys retire 1a2b3c4d", ExitCode.FOOTER})
final class KeysRetireCommand extends Verb {
  @Parameters(index = "0", paramLabel = "KEYID", description = "The key id to remove (8 hex digits, from keys status).")
  String keyId;

  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      Path keyFile = access.store().keys().keyFile().orElseThrow(() -> new CliException(ExitCode.CONFIGURATION,
          "the key comes from " + KeyRing.SECRET_VARIABLE + ", not from a key file: there is no old key to retire",
          "set " + KeyRing.SECRET_VARIABLE + " to the current key alone (mailtoken keys status shows its id)"));
      KeyRing left = access.store().retireKey(keyId, keyFile);
      out().println("retired key " + keyId + ": removed from " + keyFile + ", which now holds "
          + String.join(", ", left.keyIds()));
      return ExitCode.OK.code();
    }
  }
}
