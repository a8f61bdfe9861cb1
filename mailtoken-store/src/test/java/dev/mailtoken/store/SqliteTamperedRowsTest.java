package dev.mailtoken.store;

/** {@link TamperedRowsBehaviour} on SQLite. */
class SqliteTamperedRowsTest extends TamperedRowsBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }
}
