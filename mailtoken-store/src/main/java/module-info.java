/**
 * mailtoken-store: the credential store (apps and accounts, sealed refresh tokens) on SQLite or
 * PostgreSQL.
 */
// PLACEHOLDER until the module-info of branch modlib is merged (take modlib's on conflict): it
// exports what the store exported as an automatic module, so the modules above can require it.
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module dev.mailtoken.store {
  requires transitive dev.mailtoken.core;
  requires transitive java.sql;
  requires org.slf4j;
  requires org.xerial.sqlitejdbc;
  requires com.zaxxer.hikari;
  requires flyway.core;

  exports dev.mailtoken.store;
  exports dev.mailtoken.store.internal to dev.mailtoken.server;
  // Flyway finds the store's SQL migrations (resources) through the class loader.
  opens db.mailtoken;
}
