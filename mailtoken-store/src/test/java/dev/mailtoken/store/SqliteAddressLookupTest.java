package dev.mailtoken.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every call taking an address looks it up in any letter case; that lookup must use an index, or
 * a server starting with many accounts (one lookup per account) takes time quadratic in their
 * number (100,000 accounts: tens of minutes of CPU).
 */
class SqliteAddressLookupTest extends StoreTestSupport {

  @Override
  String newDatabaseUrl() throws Exception {
    return SqliteDatabase.newUrl();
  }

  @Test
  void givenTheStore_whenAnAddressIsLookedUpInAnyCase_thenSqliteSearchesAnIndexNotTheWholeTable() throws Exception {
    CredentialStore store = storeWithAccount("alice@example.com");

    List<String> plan = new ArrayList<>();
    try (Connection c = store.internalDatabase().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + AccountRows.ADDRESS_IN_ANY_CASE)) {
      ps.setString(1, "alice@example.com");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.add(rs.getString("detail"));
        }
      }
    }

    assertThat(plan).as("SQLite's plan for " + AccountRows.ADDRESS_IN_ANY_CASE)
        .anySatisfy(step -> assertThat(step).contains("USING").contains("INDEX"))
        .noneSatisfy(step -> assertThat(step).startsWith("SCAN"));
  }
}
