/**
 * mailtoken-store: apps and accounts with their secrets encrypted at rest
 * ({@code dev.mailtoken.store}), in SQLite or PostgreSQL, with cross-process refresh coordination.
 */
// "module": the qualified export below names dev.mailtoken.server, which is built after this
// module, so javac does not see it here. "requires-automatic": Flyway (below) is an automatic module.
@SuppressWarnings({"module", "requires-automatic"})
module dev.mailtoken.store {
  requires transitive dev.mailtoken.core;
  requires transitive java.sql;
  requires com.fasterxml.jackson.databind;
  requires com.zaxxer.hikari;
  requires org.xerial.sqlitejdbc;
  // Flyway 10+ has neither a module-info nor an Automatic-Module-Name (flyway/flyway#4115):
  // "flyway.core" is the name Java derives from the jar's file name, the one every modular Flyway
  // user requires (Maven warns about it). The PostgreSQL driver and Flyway's PostgreSQL support are
  // found as services (java.sql.Driver, Flyway's plugins), so nothing here requires them by name.
  requires flyway.core;
  requires org.slf4j;

  exports dev.mailtoken.store;
  // The store's database and field cipher, for mailtoken-server's own tables only.
  exports dev.mailtoken.store.internal to dev.mailtoken.server;
  // Flyway reads the migrations (src/main/resources/db/mailtoken) as resources of this module.
  opens db.mailtoken;
}
