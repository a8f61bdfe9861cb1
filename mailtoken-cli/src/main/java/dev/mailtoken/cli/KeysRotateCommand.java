package dev.mailtoken.cli;

import dev.mailtoken.store.KeyRing;
import dev.mailtoken.store.KeyRotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code mailtoken keys rotate}: re-encrypts every secret under a new key in one transaction. The
 * new key is written next to the key file BEFORE the re-encryption (so a crash can never leave data
 * encrypted under a key that exists nowhere), and replaces the key file only after success; until
 * then the old key file is untouched.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
    description = "Re-encrypt every stored secret under a new key and write the new key file.",
    footer = {"%nWith MAILTOKEN_SECRET (a key in the environment) the new key is written to a file in the home and"
        + " you must set MAILTOKEN_SECRET to it yourself.", "%nExamples:", "  mailtoken keys rotate",
        ExitCode.FOOTER})
final class KeysRotateCommand extends Verb {
  @Override
  int execute() throws Exception {
    try (StoreAccess access = main().openStore(err())) {
      KeyRing old = access.store().keys();
      KeyRing next = old.rotated();
      Optional<Path> keyFile = old.keyFile();
      Path staged = keyFile.map(f -> f.resolveSibling(f.getFileName() + ".new"))
          .orElse(access.home().resolve(KeyRing.KEY_FILE + ".new"));
      Files.createDirectories(staged.toAbsolutePath().getParent());
      next.writeTo(staged);
      KeyRotation done = access.store().rotateKeys(next);
      KeyRing onlyNew = KeyRing.of(Base64.getDecoder().decode(next.currentKeyBase64().reveal()));
      out().println("re-encrypted " + done.secrets() + " secret(s) (" + done.apps() + " app(s), " + done.accounts()
          + " account(s)) from key(s) " + String.join(", ", done.previousKeyIds()) + " to key "
          + done.currentKeyId());
      if (keyFile.isPresent()) {
        onlyNew.writeTo(keyFile.get());
        Files.deleteIfExists(staged);
        out().println("key file " + keyFile.get() + " now holds the new key " + onlyNew.currentKeyId()
            + "; back it up (the old key no longer decrypts anything)");
      } else {
        onlyNew.writeTo(staged);
        out().println("the key came from MAILTOKEN_SECRET: set MAILTOKEN_SECRET to the key in " + staged
            + " (key id " + onlyNew.currentKeyId() + ") before the next command, then delete that file");
      }
      return ExitCode.OK.code();
    }
  }
}
