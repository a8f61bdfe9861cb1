package dev.mailtoken.store;

/** {@link RefreshCoordinationBehaviour} on SQLite. */
class SqliteRefreshCoordinationTest extends RefreshCoordinationBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }
}
