package dev.mailtoken.store;

/** {@link SecondProcessBehaviour} on one SQLite file. */
class SqliteSecondProcessTest extends SecondProcessBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }
}
