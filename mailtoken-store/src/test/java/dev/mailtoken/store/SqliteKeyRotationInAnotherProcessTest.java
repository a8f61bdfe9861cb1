package dev.mailtoken.store;

/** {@link KeyRotationInAnotherProcessBehaviour} on one SQLite file. */
class SqliteKeyRotationInAnotherProcessTest extends KeyRotationInAnotherProcessBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }
}
