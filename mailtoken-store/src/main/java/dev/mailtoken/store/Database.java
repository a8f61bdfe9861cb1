package dev.mailtoken.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mailtoken.MailtokenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A SQLite file or a PostgreSQL pool, and the one way this store runs transactions on it.
 *
 * <p>{@link #write} is the cross-process lock: on SQLite it starts with {@code BEGIN IMMEDIATE},
 * which takes the database's write lock at once (other writers wait up to the busy timeout,
 * readers go on thanks to WAL); on PostgreSQL it is an ordinary transaction in which the work
 * takes row locks with {@link #forUpdate()}. Thread-safe.
 */
final class Database implements AutoCloseable {
  enum Dialect { SQLITE, POSTGRESQL }

  /** Long enough for a second process to wait out a refresh (HTTP timeouts are shorter). */
  static final int BUSY_TIMEOUT_MILLIS = 60_000;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String description;
  /** Closes the pool; a plain field rather than an instanceof check so SQLite never loads HikariCP. */
  private final Runnable closer;

  private Database(DataSource dataSource, Dialect dialect, String description, Runnable closer) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.description = description;
    this.closer = closer;
  }

  static Database open(String jdbcUrl) throws MailtokenException {
    return open(jdbcUrl, true);
  }

  /**
   * @param mayCreate false: a missing SQLite file is a {@link NoSuchStoreException}, and nothing is
   *     created (neither the file nor its directory)
   */
  static Database open(String jdbcUrl, boolean mayCreate) throws MailtokenException {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return sqlite(jdbcUrl, mayCreate);
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return postgresql(jdbcUrl);
    }
    throw new StoreException("Unsupported database URL " + redact(jdbcUrl) + ": use jdbc:sqlite:<file> or"
        + " jdbc:postgresql://host/db (MAILTOKEN_DB).", null);
  }

  private static Database sqlite(String jdbcUrl, boolean mayCreate) throws MailtokenException {
    String file = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = file.indexOf('?');
    Path path = Path.of(query < 0 ? file : file.substring(0, query)).toAbsolutePath();
    boolean created = !Files.exists(path);
    if (created && !mayCreate) {
      throw NoSuchStoreException.sqlite(path);
    }
    SqliteAccess access = created ? SqliteAccess.READ_WRITE : SqliteAccess.of(path);
    try {
      Path dir = path.getParent();
      if (dir != null && !Files.isDirectory(dir)) {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(dir);
        }
      }
    } catch (IOException e) {
      throw new StoreException("Could not create the directory for the database " + path + ": " + e.getMessage(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.enforceForeignKeys(true);
    config.setReadOnly(access != SqliteAccess.READ_WRITE);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl(access.url(jdbcUrl, path));
    Database db = new Database(ds, Dialect.SQLITE, path + access.note(), () -> { });
    if (created) {
      db.touch(path);
    }
    return db;
  }

  /** Creates the file now so it can be made owner-only before anything is written to it. */
  private void touch(Path path) throws StoreException {
    try (Connection c = dataSource.getConnection()) {
      c.isValid(1);
    } catch (SQLException e) {
      throw failure(e);
    }
    try {
      if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (IOException e) {
      throw new StoreException("Could not restrict the permissions of " + path + ": " + e.getMessage(), e);
    }
  }

  private static Database postgresql(String jdbcUrl) throws StoreException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("mailtoken-store");
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(1);
    config.setInitializationFailTimeout(-1);
    // A wrong host should fail a CLI command in seconds, not Hikari's default 30.
    config.setConnectionTimeout(10_000);
    try {
      HikariDataSource pool = new HikariDataSource(config);
      return new Database(pool, Dialect.POSTGRESQL, redact(jdbcUrl), pool::close);
    } catch (RuntimeException e) {
      throw new StoreException("Could not set up a connection pool for " + redact(jdbcUrl) + ": " + e.getMessage(), e);
    }
  }

  DataSource dataSource() {
    return dataSource;
  }

  Dialect dialect() {
    return dialect;
  }

  /** Where the database is, without credentials: for messages. */
  String description() {
    return description;
  }

  /** The row-lock suffix for a SELECT inside {@link #write}: none on SQLite (the whole file is locked). */
  String forUpdate() {
    return dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
  }

  /** Runs {@code work} on a connection in auto-commit mode. */
  <T> T read(SqlWork<T> work) throws MailtokenException {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Runs {@code work} in one transaction holding the write lock (SQLite) or the row locks it
   * takes (PostgreSQL); commits when it returns, rolls back when it throws.
   */
  <T> T write(SqlWork<T> work) throws MailtokenException {
    try (Connection c = dataSource.getConnection()) {
      if (dialect == Dialect.SQLITE) {
        execute(c, "BEGIN IMMEDIATE");
      } else {
        c.setAutoCommit(false);
      }
      try {
        T result = work.run(c);
        if (dialect == Dialect.SQLITE) {
          execute(c, "COMMIT");
        } else {
          c.commit();
        }
        return result;
      } catch (SQLException | MailtokenException | RuntimeException e) {
        rollback(c, e);
        throw e;
      } finally {
        if (dialect == Dialect.POSTGRESQL) {
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private void rollback(Connection c, Exception cause) {
    try {
      if (dialect == Dialect.SQLITE) {
        execute(c, "ROLLBACK");
      } else {
        c.rollback();
      }
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  StoreException failure(SQLException e) {
    if (dialect == Dialect.SQLITE && SqliteAccess.isReadOnlyFailure(e)) {
      return new StoreException("The store " + description + " cannot be written by this user (its file or"
          + " directory is read-only), and this command needs to write to it (for example to save a refreshed"
          + " token): run it as the store's owner, or make the store writable.", e);
    }
    return new StoreException("Database error on " + description + ": " + e.getMessage(), e);
  }

  /** True when {@code e} is a primary-key or unique violation. */
  static boolean isDuplicate(SQLException e) {
    return "23505".equals(e.getSQLState()) || (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint"))
        || (e.getMessage() != null && e.getMessage().contains("PRIMARYKEY"));
  }

  static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):([^/@]+)@", "//$1:***@");
  }

  @Override
  public void close() {
    closer.run();
  }
}
