package dev.mailtoken.store;

/** {@link ManyProcessesBehaviour} on SQLite. */
class SqliteManyProcessesTest extends ManyProcessesBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }
}
