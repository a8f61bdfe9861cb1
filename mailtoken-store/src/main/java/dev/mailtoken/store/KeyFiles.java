package dev.mailtoken.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and creates key files; keeps file-system details out of {@link KeyRing}. */
final class KeyFiles {
  private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);

  private KeyFiles() {
  }

  static KeyRing load(Map<String, String> env, Path home) throws StoreKeyException {
    String inline = env.get(KeyRing.SECRET_VARIABLE);
    if (inline != null && !inline.isBlank()) {
      return KeyRing.loaded(List.of(KeyRing.decodeKey(inline, KeyRing.SECRET_VARIABLE)), Optional.empty(),
          Optional.empty());
    }
    String named = env.get(KeyRing.SECRET_FILE_VARIABLE);
    if (named != null && !named.isBlank()) {
      Path file = Path.of(named.trim());
      if (!Files.exists(file)) {
        throw new StoreKeyException(KeyRing.SECRET_FILE_VARIABLE + " names " + file + ", which does not exist;"
            + " fix the path or unset the variable to use " + home.resolve(KeyRing.KEY_FILE));
      }
      return read(file, KeyRing.SECRET_FILE_VARIABLE + " (" + file + ")", Optional.empty());
    }
    Path file = home.resolve(KeyRing.KEY_FILE);
    if (Files.exists(file)) {
      return read(file, file.toString(), Optional.empty());
    }
    return create(file);
  }

  static KeyRing read(Path file, String source, Optional<Path> created) throws StoreKeyException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new StoreKeyException("Could not read the key file " + source + ": " + e.getMessage(), e);
    }
    List<byte[]> keys = new ArrayList<>();
    int number = 0;
    for (String line : lines) {
      number++;
      String t = line.trim();
      if (!t.isEmpty() && !t.startsWith("#")) {
        keys.add(KeyRing.decodeKey(t, source + " line " + number));
      }
    }
    if (keys.isEmpty()) {
      throw new StoreKeyException("The key file " + source + " holds no key; restore it from your backup, or"
          + " set " + KeyRing.SECRET_VARIABLE + " to the base64 key the database was encrypted with.");
    }
    return KeyRing.loaded(keys, Optional.of(file), created);
  }

  private static KeyRing create(Path file) throws StoreKeyException {
    byte[] key = new byte[KeyRing.KEY_BYTES];
    new SecureRandom().nextBytes(key);
    String text = "# mailtoken secret key (created " + "on first use). Back this file up: without it the"
        + " stored secrets cannot be read.\n" + Base64.getEncoder().encodeToString(key) + "\n";
    try {
      createOwnerOnlyDirectory(file.getParent());
      writeNew(file, text.getBytes(StandardCharsets.US_ASCII));
    } catch (FileAlreadyExistsException e) {
      // Another process created it between our check and our write: use theirs.
      return read(file, file.toString(), Optional.empty());
    } catch (IOException e) {
      throw new StoreKeyException("Could not create the key file " + file + ": " + e.getMessage()
          + "; set " + KeyRing.SECRET_VARIABLE + " or " + KeyRing.SECRET_FILE_VARIABLE + " instead.", e);
    }
    log.info("created a new secret key file {} (key id {})", file, KeyRing.idOf(key));
    return KeyRing.loaded(List.of(key), Optional.of(file), Optional.of(file));
  }

  private static void createOwnerOnlyDirectory(Path dir) throws IOException {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    if (posix(dir.getFileSystem())) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  /** Creates {@code file} with owner-only permissions from the start, failing if it exists. */
  private static void writeNew(Path file, byte[] content) throws IOException {
    if (posix(file.getFileSystem())) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.write(file, content);
  }

  static void writeOwnerOnly(Path file, byte[] content) throws IOException {
    createOwnerOnlyDirectory(file.toAbsolutePath().getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    writeNew(temp, content);
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean posix(java.nio.file.FileSystem fs) {
    return fs.supportedFileAttributeViews().contains("posix");
  }
}
