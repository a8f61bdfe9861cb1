package dev.mailtoken.cli;

import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.KeyRotation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code mailtoken keys rotate}: a new key in front of every old one in the key file, then every
 * secret re-encrypted and every row re-sealed under it, in one transaction holding the store's key
 * lock ({@code CredentialStore.rotateKeyFile}). Old keys stay in the file, so a process started
 * before the rotation (an {@code authorize} waiting for consent) still reads and writes correctly;
 * {@code keys retire} removes a key once nothing uses it.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
    description = "Encrypt every stored secret under a new key; the old keys stay in the key file.",
    footer = {"%nThe new key is written in front of the old ones before anything is re-encrypted, so a crash"
        + " loses nothing (run the command again to finish an interrupted rotation). Old keys stay until"
        + " `mailtoken keys retire` removes them.",
        "With MAILTOKEN_SECRET (a key in the environment) the keys are written to secret.key.new in the home and"
        + " you must point MAILTOKEN_SECRET or MAILTOKEN_SECRET_FILE at the new key yourself.",
        "%nExamples:", "  mailtoken keys rotate", "  mailtoken keys status", ExitCode.FOOTER})
final class KeysRotateCommand extends Verb {
  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      Optional<Path> keyFile = access.store().keys().keyFile();
      Path target = keyFile.orElse(access.home().resolve(KeyRing.KEY_FILE + ".new"));
      KeyRotation done = access.store().rotateKeyFile(target);
      out().println((done.resumed() ? "finished an interrupted rotation: " : "") + "re-encrypted " + done.secrets()
          + " secret(s) (" + done.apps() + " app(s), " + done.accounts() + " account(s)) and sealed " + done.rows()
          + " row(s) from key(s) " + String.join(", ", done.previousKeyIds()) + " to key " + done.currentKeyId());
      List<String> old = access.store().keys().keyIds().stream().filter(id -> !id.equals(done.currentKeyId()))
          .toList();
      if (keyFile.isPresent()) {
        out().println("key file " + target + " now holds the new key " + done.currentKeyId()
            + (old.isEmpty() ? "" : " and the old key(s) " + String.join(", ", old) + ", kept so that commands"
                + " started before the rotation keep working")
            + "; back it up");
        if (!old.isEmpty()) {
          err().println("when `mailtoken keys status` shows 0 fields for an old key, remove it with: mailtoken keys"
              + " retire " + old.get(0));
        }
      } else {
        out().println("the key came from MAILTOKEN_SECRET: set MAILTOKEN_SECRET to the key in " + target
            + " (its first key, id " + done.currentKeyId() + ") or set MAILTOKEN_SECRET_FILE=" + target
            + " before the next command");
      }
      return ExitCode.OK.code();
    }
  }
}
