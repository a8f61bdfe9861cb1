package dev.mailtoken.store;

/** {@link LateAnswerBehaviour} on SQLite. */
class SqliteLateAnswerTest extends LateAnswerBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }
}
