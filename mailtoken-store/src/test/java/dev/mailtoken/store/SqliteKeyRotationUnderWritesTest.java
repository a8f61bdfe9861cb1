package dev.mailtoken.store;

/** {@link KeyRotationUnderWritesBehaviour} on SQLite. */
class SqliteKeyRotationUnderWritesTest extends KeyRotationUnderWritesBehaviour {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }
}
