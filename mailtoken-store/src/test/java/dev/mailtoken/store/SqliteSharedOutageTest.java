package dev.mailtoken.store;

/** {@link SharedOutageBehaviour} on SQLite. */
class SqliteSharedOutageTest extends SharedOutageBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }
}
