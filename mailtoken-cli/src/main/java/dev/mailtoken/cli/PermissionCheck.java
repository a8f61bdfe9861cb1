package dev.mailtoken.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code doctor}'s look at who else can reach the store's secrets: the key file and the SQLite
 * database (with its {@code -wal}/{@code -shm}) readable or writable by group or others is a
 * problem; a home directory others can change is a problem (they could swap the key or the
 * database), one they can only list is a warning. Files that do not exist or a file system
 * without POSIX permissions give no finding. Stateless.
 */
final class PermissionCheck {
  private static final Set<PosixFilePermission> OTHERS_READ_WRITE = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
  private static final Set<PosixFilePermission> OTHERS_WRITE = EnumSet.of(
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
  private static final Set<PosixFilePermission> OTHERS_LIST = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

  private PermissionCheck() {
  }

  /**
   * @param keyFile the key file, when the keys came from one
   * @param database the SQLite file, when the store is SQLite
   * @param home the home directory
   */
  static List<Finding> check(Optional<Path> keyFile, Optional<Path> database, Path home) {
    List<Finding> findings = new ArrayList<>();
    keyFile.flatMap(f -> secretFile("key", f, "anyone who can read the key can decrypt every stored refresh token"))
        .ifPresent(findings::add);
    database.ifPresent(db -> {
      for (String suffix : List.of("", "-wal", "-shm")) {
        secretFile("database", db.resolveSibling(db.getFileName() + suffix), "it holds every credential, encrypted;"
            + " with the key (or a copy of it) they are readable").ifPresent(findings::add);
      }
    });
    home(home).ifPresent(findings::add);
    return findings;
  }

  private static Optional<Finding> secretFile(String topic, Path file, String why) {
    Optional<Set<PosixFilePermission>> perms = permissions(file);
    if (perms.isEmpty()) {
      return Optional.empty();
    }
    Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
    extra.addAll(perms.get());
    extra.retainAll(OTHERS_READ_WRITE);
    if (extra.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Finding.problem(topic, file + " is readable by others (" + PosixFilePermissions.toString(
        perms.get()) + ")", why, "chmod 600 " + file));
  }

  private static Optional<Finding> home(Path home) {
    Optional<Set<PosixFilePermission>> perms = permissions(home);
    if (perms.isEmpty()) {
      return Optional.empty();
    }
    String mode = PosixFilePermissions.toString(perms.get());
    if (perms.get().stream().anyMatch(OTHERS_WRITE::contains)) {
      return Optional.of(Finding.problem("home", home + " can be changed by others (" + mode + ")",
          "whoever can write it can replace the key file or the database", "chmod 700 " + home));
    }
    if (perms.get().stream().anyMatch(OTHERS_LIST::contains)) {
      return Optional.of(Finding.warning("home", home + " can be listed by others (" + mode + ")",
          "the files in it are protected, but new files could be reachable", "chmod 700 " + home));
    }
    return Optional.empty();
  }

  private static Optional<Set<PosixFilePermission>> permissions(Path p) {
    try {
      return Files.exists(p) ? Optional.of(Files.getPosixFilePermissions(p)) : Optional.empty();
    } catch (UnsupportedOperationException | IOException e) {
      return Optional.empty();
    }
  }
}
