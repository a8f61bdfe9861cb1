package dev.mailtoken.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the store lives, from the environment: {@code MAILTOKEN_HOME} (default
 * {@code ~/.mailtoken}) holds {@code mailtoken.db} and {@code secret.key}; {@code MAILTOKEN_DB}
 * (a JDBC URL) points elsewhere, e.g. at PostgreSQL. Pass {@code System.getenv()} or a test map.
 * Stateless and thread-safe.
 */
public final class StoreHome {
  /** Environment variable naming the home directory. */
  public static final String HOME_VARIABLE = "MAILTOKEN_HOME";
  /** Environment variable holding a JDBC URL that replaces the default SQLite file. */
  public static final String DB_VARIABLE = "MAILTOKEN_DB";
  /** The SQLite file name inside the home directory. */
  public static final String DATABASE_FILE = "mailtoken.db";

  private StoreHome() {
  }

  /** {@code MAILTOKEN_HOME} when set and not blank, else {@code ~/.mailtoken} (from {@code user.home}). */
  public static Path resolve(Map<String, String> env) {
    String home = env.get(HOME_VARIABLE);
    if (home != null && !home.isBlank()) {
      return Path.of(home).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".mailtoken");
  }

  /** The database file of a {@code jdbc:sqlite:} URL (without its {@code ?} options), absolute; empty for other URLs. */
  public static java.util.Optional<Path> sqliteFile(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:sqlite:")) {
      return java.util.Optional.empty();
    }
    String file = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = file.indexOf('?');
    return java.util.Optional.of(Path.of(query < 0 ? file : file.substring(0, query)).toAbsolutePath());
  }

  /** {@code MAILTOKEN_DB} when set and not blank, else {@code jdbc:sqlite:<home>/mailtoken.db}. */
  public static String jdbcUrl(Map<String, String> env, Path home) {
    String url = env.get(DB_VARIABLE);
    if (url != null && !url.isBlank()) {
      return url.trim();
    }
    return "jdbc:sqlite:" + home.resolve(DATABASE_FILE).toAbsolutePath();
  }
}
