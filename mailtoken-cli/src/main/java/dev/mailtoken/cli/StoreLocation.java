package dev.mailtoken.cli;

import dev.mailtoken.store.StoreHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Checks where the store is said to be before anything is opened or created: an empty
 * {@code --home}, a {@code --db}/{@code MAILTOKEN_DB} that is no supported JDBC URL, or a SQLite
 * file whose directory does not exist is a usage error (from an option) or a configuration error
 * (from the environment), so a typo never creates a new store or key file somewhere. Stateless.
 */
final class StoreLocation {
  private StoreLocation() {
  }

  /**
   * @param env the environment as the process got it (before options)
   * @param home the {@code --home} option, if given
   * @param db the {@code --db} option, if given
   * @throws CliException when the location cannot be a store
   */
  static void check(Map<String, String> env, Optional<Path> home, Optional<String> db) {
    if (home.isPresent() && home.get().toString().isBlank()) {
      throw new CliException(ExitCode.USAGE, "--home is empty; it names the directory of the store and key file",
          "give a directory, e.g. --home ~/.mailtoken, or leave the option out");
    }
    String variable = db.isPresent() ? "--db" : StoreHome.DB_VARIABLE;
    ExitCode code = db.isPresent() ? ExitCode.USAGE : ExitCode.CONFIGURATION;
    String url = db.orElse(env.get(StoreHome.DB_VARIABLE));
    if (url == null || (db.isEmpty() && url.isBlank())) {
      return;   // the default SQLite file in the home directory, created on first write
    }
    url = url.trim();
    if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
      throw new CliException(code, variable + " is not a supported store URL (it starts \"" + scheme(url)
          + "\"); nothing was created", "use jdbc:sqlite:/path/to/mailtoken.db or"
          + " jdbc:postgresql://host:5432/db?user=...");
    }
    Optional<Path> file = StoreHome.sqliteFile(url);
    if (file.isPresent()) {
      Path dir = file.get().getParent();
      if (url.equals("jdbc:sqlite:") || dir == null) {
        throw new CliException(code, variable + " names no SQLite file", "use jdbc:sqlite:/path/to/mailtoken.db");
      }
      if (!Files.isDirectory(dir)) {
        throw new CliException(code, "the directory " + dir + " of the SQLite file in " + variable + " does not"
            + " exist; nothing was created", "fix the path, or create the directory first (mkdir -p " + dir + ")");
      }
    }
  }

  /** The URL's scheme part, never its host, user or password: for messages. */
  private static String scheme(String url) {
    int colon = url.indexOf(':', url.startsWith("jdbc:") ? 5 : 0);
    String head = colon < 0 ? url : url.substring(0, colon + 1);
    return head.length() > 24 ? head.substring(0, 24) + "…" : head;
  }
}
