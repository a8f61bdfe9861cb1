package dev.mailtoken.store;

/** {@link SealedColumnsBehaviour} on SQLite. */
class SqliteSealedColumnsTest extends SealedColumnsBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }
}
