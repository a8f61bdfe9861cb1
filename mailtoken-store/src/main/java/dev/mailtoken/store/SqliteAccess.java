package dev.mailtoken.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * How an existing SQLite store can be opened by this process. A store the user can only read
 * (another user's, a read-only mount) still serves the reading commands: opened read-only, and
 * when its directory is not writable either, as immutable, because WAL mode would otherwise need
 * to create its {@code -shm} file next to it. An immutable open does not see changes another
 * process has not yet checkpointed; a reader that cannot write has no better view.
 */
enum SqliteAccess {
  READ_WRITE,
  READ_ONLY,
  IMMUTABLE;

  static SqliteAccess of(Path file) {
    Path dir = file.getParent();
    boolean dirWritable = dir == null || Files.isWritable(dir);
    if (Files.isWritable(file) && dirWritable) {
      return READ_WRITE;
    }
    boolean walFiles = Files.exists(file.resolveSibling(file.getFileName() + "-shm"))
        && Files.exists(file.resolveSibling(file.getFileName() + "-wal"));
    return dirWritable || walFiles ? READ_ONLY : IMMUTABLE;
  }

  /** The JDBC URL to open {@code file} with this access. */
  String url(String jdbcUrl, Path file) {
    return this == IMMUTABLE ? "jdbc:sqlite:" + file.toUri() + "?immutable=1" : jdbcUrl;
  }

  /** Added to the store's description in messages. */
  String note() {
    return this == READ_WRITE ? "" : " (read-only)";
  }

  static boolean isReadOnlyFailure(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("SQLITE_READONLY") || m.contains("readonly database");
  }
}
