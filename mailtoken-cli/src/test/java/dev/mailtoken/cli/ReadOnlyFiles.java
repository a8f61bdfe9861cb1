package dev.mailtoken.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Makes a directory and the files in it unwritable for this process, the way a store another user
 * owns is: mode bits for an ordinary user; the immutable attribute ({@code chattr +i}) for root,
 * whom mode bits do not stop. {@link #close()} restores them. Skips the test when neither works.
 */
final class ReadOnlyFiles implements AutoCloseable {
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final List<Path> paths = new ArrayList<>();
  private final Map<Path, Set<PosixFilePermission>> modes = new HashMap<>();

  private ReadOnlyFiles() {
  }

  static ReadOnlyFiles of(Path dir) throws IOException, InterruptedException {
    ReadOnlyFiles ro = new ReadOnlyFiles();
    try (Stream<Path> s = Files.list(dir)) {
      ro.paths.addAll(s.toList());
    }
    ro.paths.add(dir);   // last: the files must still be reachable for chattr / chmod
    for (Path p : ro.paths) {
      ro.lock(p);
    }
    assumeTrue(!Files.isWritable(dir), "cannot make " + dir + " read-only here (needs chattr as root)");
    return ro;
  }

  private void lock(Path p) throws IOException, InterruptedException {
    if (ROOT) {
      assumeTrue(chattr("+i", p), "chattr +i is not permitted here");
    } else {
      modes.put(p, Files.getPosixFilePermissions(p));
      Files.setPosixFilePermissions(p, Files.isDirectory(p)
          ? Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE)
          : Set.of(PosixFilePermission.OWNER_READ));
    }
  }

  private static boolean chattr(String flag, Path p) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor() == 0;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    for (int i = paths.size() - 1; i >= 0; i--) {
      Path p = paths.get(i);
      if (ROOT) {
        chattr("-i", p);
      } else if (modes.containsKey(p)) {
        Files.setPosixFilePermissions(p, modes.get(p));
      }
    }
  }
}
