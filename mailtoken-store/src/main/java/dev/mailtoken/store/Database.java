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
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A SQLite file or a PostgreSQL pool, and the one way this store runs transactions on it.
 *
 * <p>{@link #write} is the cross-process lock: on SQLite it starts with {@code BEGIN IMMEDIATE},
 * which takes the database's write lock at once (other writers wait up to the busy timeout,
 * readers go on thanks to WAL); on PostgreSQL it is an ordinary transaction in which the work
 * takes row locks with {@link #forUpdate()}. Waiting is bounded: a lock held by another process
 * longer than the {@linkplain StoreOptions#lockWait() lock wait} (SQLite's busy timeout,
 * PostgreSQL's {@code lock_timeout}) and a server that cannot be reached within the
 * {@linkplain StoreOptions#connectTimeout() connect timeout} fail with
 * {@link StoreUnavailableException}, never with a raw driver error. Thread-safe.
 */
final class Database implements AutoCloseable {
  enum Dialect { SQLITE, POSTGRESQL }

  /** Beyond the lock wait, how long one statement may take before the server counts as hung. */
  private static final int SOCKET_SLACK_SECONDS = 30;

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  /** Beyond the lock wait, how long {@link #close} waits for a transaction in flight to end. */
  private static final Duration CLOSE_SLACK = Duration.ofSeconds(5);

  private final ClosingDataSource dataSource;
  private final Dialect dialect;
  private final String description;
  private final StoreOptions options;
  /** Closes the pool; a plain field rather than an instanceof check so SQLite never loads HikariCP. */
  private final Runnable closer;
  /** Runs first in every {@link #write}: the store's shared key lock (see {@link StoreKeys}). Set once. */
  private volatile SqlWork<?> writeStart = c -> null;

  private Database(DataSource dataSource, Dialect dialect, String description, StoreOptions options,
      Runnable closer) {
    this.dataSource = new ClosingDataSource(dataSource);
    this.dialect = dialect;
    this.description = description;
    this.options = options;
    this.closer = closer;
  }

  static Database open(String jdbcUrl, StoreOptions options) throws MailtokenException {
    return open(jdbcUrl, options, true);
  }

  /**
   * @param mayCreate false: a missing SQLite file is a {@link NoSuchStoreException}, and nothing is
   *     created (neither the file nor its directory)
   */
  static Database open(String jdbcUrl, StoreOptions options, boolean mayCreate) throws MailtokenException {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return sqlite(jdbcUrl, options, mayCreate);
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return postgresql(jdbcUrl, options);
    }
    throw new StoreException("Unsupported database URL " + redact(jdbcUrl) + ": use jdbc:sqlite:<file> or"
        + " jdbc:postgresql://host/db (MAILTOKEN_DB).", null);
  }

  private static Database sqlite(String jdbcUrl, StoreOptions options, boolean mayCreate)
      throws MailtokenException {
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
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, options.lockWait().toMillis()));
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.enforceForeignKeys(true);
    config.setReadOnly(access != SqliteAccess.READ_WRITE);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl(access.url(jdbcUrl, path));
    Database db = new Database(ds, Dialect.SQLITE, path + access.note(), options, () -> { });
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

  /**
   * A pool whose first connection is opened now, so an unreachable server fails here within the
   * connect timeout (TCP connect and login each bounded; a listener that never answers included).
   */
  private static Database postgresql(String jdbcUrl, StoreOptions options) throws StoreException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("mailtoken-store");
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(1);
    long connectMillis = Math.max(250, options.connectTimeout().toMillis());
    int connectSeconds = (int) Math.max(1, (connectMillis + 999) / 1000);
    config.setConnectionTimeout(connectMillis);
    config.setInitializationFailTimeout(1);
    config.addDataSourceProperty("connectTimeout", Integer.toString(connectSeconds));
    config.addDataSourceProperty("loginTimeout", Integer.toString(connectSeconds));
    config.addDataSourceProperty("socketTimeout",
        Long.toString(options.lockWait().toSeconds() + connectSeconds + SOCKET_SLACK_SECONDS));
    String where = redact(jdbcUrl);
    try {
      HikariDataSource pool = new HikariDataSource(config);
      return new Database(pool, Dialect.POSTGRESQL, where, options, pool::close);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new StoreUnavailableException("Could not connect to the database " + where + " within "
          + connectMillis + " ms (" + cause.getMessage() + "); check that the server is running and reachable,"
          + " then try again (" + StoreOptions.CONNECT_TIMEOUT_VARIABLE + " sets the limit)", e);
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

  /**
   * Sets what every {@link #write} runs before its work, in the same transaction: the store's
   * key lock. Not run by {@link #writeExclusive}, whose work takes that lock itself.
   */
  void onEveryWrite(SqlWork<?> start) {
    this.writeStart = start;
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
   * takes (PostgreSQL); commits when it returns, rolls back when it throws. The work runs after
   * {@link #onEveryWrite the start hook}.
   */
  <T> T write(SqlWork<T> work) throws MailtokenException {
    SqlWork<?> start = writeStart;
    return writeExclusive(c -> {
      start.run(c);
      return work.run(c);
    });
  }

  /**
   * Like {@link #write} without the start hook: for opening, key rotation and key retirement,
   * which take the key lock exclusively themselves.
   */
  <T> T writeExclusive(SqlWork<T> work) throws MailtokenException {
    try (Connection c = dataSource.getConnection()) {
      if (dialect == Dialect.SQLITE) {
        execute(c, "BEGIN IMMEDIATE");
      } else {
        c.setAutoCommit(false);
        execute(c, "SET LOCAL lock_timeout = " + options.lockWait().toMillis());
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

  /** A typed failure: locked too long or unreachable (transient), anything else a plain {@link StoreException}. */
  StoreException failure(SQLException e) {
    if (ClosingDataSource.isClosedFailure(e)) {
      return new StoreException("The store " + description + " was closed; open it again to use it"
          + " (CredentialStore.open), or stop using this instance.", e);
    }
    if (dialect == Dialect.SQLITE && SqliteAccess.isReadOnlyFailure(e)) {
      return new StoreException("The store " + description + " cannot be written by this user (its file or"
          + " directory is read-only), and this command needs to write to it (for example to save a refreshed"
          + " token): run it as the store's owner, or make the store writable.", e);
    }
    if (isLockTimeout(e)) {
      return new StoreUnavailableException("The database " + description + " stayed locked by another process for"
          + " longer than " + options.lockWait().toMillis() + " ms; try again (" + StoreOptions.LOCK_WAIT_VARIABLE
          + " sets how long to wait)", e);
    }
    if (isConnectionFailure(e)) {
      return new StoreUnavailableException("Could not reach the database " + description + " (" + e.getMessage()
          + "); check that the server is running and reachable, then try again", e);
    }
    return new StoreException("Database error on " + description + ": " + e.getMessage(), e);
  }

  /** SQLite's busy timeout ran out, or PostgreSQL's lock_timeout (55P03). */
  static boolean isLockTimeout(SQLException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    return "55P03".equals(e.getSQLState()) || m.contains("SQLITE_BUSY") || m.contains("database is locked");
  }

  /** No connection (SQLState class 08, a pool that could not get one, a dropped socket). */
  private static boolean isConnectionFailure(SQLException e) {
    return (e.getSQLState() != null && e.getSQLState().startsWith("08"))
        || e instanceof java.sql.SQLTransientConnectionException || e instanceof java.sql.SQLRecoverableException;
  }

  /** True when {@code e} is a primary-key or unique violation. */
  static boolean isDuplicate(SQLException e) {
    return "23505".equals(e.getSQLState()) || (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint"))
        || (e.getMessage() != null && e.getMessage().contains("PRIMARYKEY"));
  }

  static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):([^/@]+)@", "//$1:***@");
  }

  /**
   * Refuses new work, waits (at most the lock wait and a few seconds) for the transactions in
   * flight to end, then closes the pool (PostgreSQL). Idempotent.
   */
  @Override
  public void close() {
    int left = dataSource.close(options.lockWait().plus(CLOSE_SLACK));
    if (left > 0) {
      LOG.warn("closing the store {} with {} connection(s) still in use; their work is rolled back", description,
          left);
    }
    closer.run();
  }
}
