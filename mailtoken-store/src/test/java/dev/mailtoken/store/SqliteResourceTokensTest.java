package dev.mailtoken.store;

/** {@link ResourceTokensBehaviour} on SQLite. */
class SqliteResourceTokensTest extends ResourceTokensBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }
}
