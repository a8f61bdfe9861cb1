package dev.mailtoken.store;

import java.nio.file.Files;
import java.nio.file.Path;

/** SQLite test databases: a new file in a new temporary directory per test. */
final class SqliteDatabase {
  private SqliteDatabase() {
  }

  static String newUrl() throws Exception {
    Path dir = Files.createTempDirectory("mailtoken-store-test");
    return "jdbc:sqlite:" + dir.resolve(StoreHome.DATABASE_FILE);
  }
}
