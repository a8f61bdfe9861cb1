package dev.mailtoken.store;

/** {@link AppsAndAccountsBehaviour} on SQLite. */
class SqliteAppsAndAccountsTest extends AppsAndAccountsBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }
}
