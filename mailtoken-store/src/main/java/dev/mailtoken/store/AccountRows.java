package dev.mailtoken.store;

import dev.mailtoken.internal.ServerText;
import dev.mailtoken.token.AccountHealth;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for the {@code accounts} table. Every change of secrets or status goes through {@link #update}, which checks the version. */
final class AccountRows {
  private static final String SELECT = "SELECT * FROM accounts";
  /** The stored addresses equal to one in any letter case; index {@code accounts_address_lower} (V9). */
  static final String ADDRESS_IN_ANY_CASE = "SELECT address FROM accounts WHERE lower(address) = ?";

  private AccountRows() {
  }

  static Optional<AccountRow> find(Connection c, String address, String lockSuffix) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE address = ?" + lockSuffix)) {
      ps.setString(1, address);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /**
   * The address as stored for {@code address}: itself when an account has exactly it, else the one
   * account whose address differs only in letter case (the domain and the local part as stored).
   * Empty when there is none, or several that differ from it only in case. The stored spelling is
   * the row key (the row MAC and the encryption bind it), so lookups match, keys never change.
   */
  static Optional<String> storedAddress(Connection c, String address) throws SQLException {
    List<String> matches = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(ADDRESS_IN_ANY_CASE)) {
      ps.setString(1, address.toLowerCase(java.util.Locale.ROOT));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          matches.add(rs.getString(1));
        }
      }
    }
    if (matches.contains(address)) {
      return Optional.of(address);
    }
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  static List<AccountRow> all(Connection c, String lockSuffix) throws SQLException {
    List<AccountRow> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY address" + lockSuffix);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(read(rs));
      }
    }
    return rows;
  }

  /** Inserts a new row (version 1); the caller has checked the address is free. */
  static void insert(Connection c, Map<String, Object> columns) throws SQLException {
    StringBuilder names = new StringBuilder();
    StringBuilder marks = new StringBuilder();
    for (String name : columns.keySet()) {
      names.append(names.length() == 0 ? "" : ", ").append(name);
      marks.append(marks.length() == 0 ? "?" : ", ?");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (" + names + ") VALUES (" + marks + ")")) {
      int i = 1;
      for (Map.Entry<String, Object> e : columns.entrySet()) {
        Columns.bind(ps, i++, e.getKey(), e.getValue());
      }
      ps.executeUpdate();
    }
  }

  /**
   * Sets {@code columns} (plus {@code updated_at}, and {@code version + 1} when
   * {@code bumpVersion}) where the row still has {@code expectedVersion}.
   *
   * @return false when the row is gone or has another version: nothing was written
   */
  static boolean update(Connection c, String address, long expectedVersion, Map<String, Object> columns,
      Instant now, boolean bumpVersion) throws SQLException {
    Map<String, Object> all = new LinkedHashMap<>(columns);
    all.put("updated_at", now.toEpochMilli());
    StringBuilder sql = new StringBuilder("UPDATE accounts SET ");
    boolean first = true;
    for (String name : all.keySet()) {
      sql.append(first ? "" : ", ").append(name).append(" = ?");
      first = false;
    }
    if (bumpVersion) {
      sql.append(", version = version + 1");
    }
    sql.append(" WHERE address = ? AND version = ?");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      for (Map.Entry<String, Object> e : all.entrySet()) {
        Columns.bind(ps, i++, e.getKey(), e.getValue());
      }
      ps.setString(i++, address);
      ps.setLong(i, expectedVersion);
      return ps.executeUpdate() == 1;
    }
  }

  static boolean delete(Connection c, String address) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM accounts WHERE address = ?")) {
      ps.setString(1, address);
      return ps.executeUpdate() > 0;
    }
  }

  private static AccountRow read(ResultSet rs) throws SQLException {
    StoredAccount account = new StoredAccount(
        rs.getString("address"),
        rs.getString("app_name"),
        GrantKind.valueOf(rs.getString("grant_kind")),
        Columns.text(rs, "subject"),
        Columns.scopes(rs.getString("granted_scopes")),
        AccountHealth.valueOf(rs.getString("status")),
        Columns.instant(rs, "last_refresh"),
        Columns.instant(rs, "access_token_expires_at"),
        Columns.text(rs, "last_error").map(ServerText::printable),   // also rows written before escaping
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")),
        rs.getLong("version"),
        rs.getString(AccountRow.REFRESH_TOKEN) != null,
        rs.getString(AccountRow.ACCESS_TOKEN) != null || rs.getString(AccountRow.FIXED_TOKEN) != null,
        Columns.text(rs, "transport"));
    return new AccountRow(account,
        Columns.text(rs, AccountRow.REFRESH_TOKEN),
        Columns.text(rs, AccountRow.SERVICE_ACCOUNT_KEY),
        Columns.text(rs, AccountRow.FIXED_TOKEN),
        Columns.text(rs, AccountRow.ACCESS_TOKEN),
        Columns.scopes(rs.getString("access_token_scopes")),
        RowSeal.read(rs, AccountRow.TABLE, "address"));
  }
}
