package dev.mailtoken.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Runs the migrations in {@code db/mailtoken}. Its own class so that Flyway is loaded only when
 * a database actually needs migrating, not on every open.
 */
final class FlywayMigration {
  private FlywayMigration() {
  }

  static void run(DataSource dataSource, String historyTable) throws StoreException {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/mailtoken")
          .table(historyTable)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }
}
