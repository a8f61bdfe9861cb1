package dev.mailtoken.store;

/** {@link UnknownExpiryBehaviour} on SQLite. */
class SqliteUnknownExpiryTest extends UnknownExpiryBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }
}
