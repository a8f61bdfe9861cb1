package dev.mailtoken.store;

/** {@link KeyBehaviour} on SQLite. */
class SqliteKeyTest extends KeyBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }
}
