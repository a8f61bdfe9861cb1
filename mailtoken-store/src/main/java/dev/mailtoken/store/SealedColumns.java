package dev.mailtoken.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sealed_columns} registry: columns of other modules' tables sealed with the store's
 * key ({@link CredentialStore#internalSealedFields()}), which key rotation re-encrypts and key
 * usage counts like the store's own. Names are plain lower-case SQL identifiers (anything else is
 * ignored with a warning, never put into SQL); a registered table that does not exist is skipped.
 * Stateless.
 */
final class SealedColumns {
  private static final Logger log = LoggerFactory.getLogger(SealedColumns.class);
  static final String TABLE = "sealed_columns";
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** One registered column; each value's additional authenticated data is table, column and the row's key. */
  record Column(String table, String column, String keyColumn) {
    @Override
    public String toString() {
      return table + "." + column;
    }
  }

  /** One sealed value with its row key. */
  record Value(String rowKey, String sealed) { }

  private SealedColumns() {
  }

  /** Every registered column whose table exists. */
  static List<Column> all(Connection c) throws SQLException {
    List<Column> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT table_name, column_name, key_column FROM " + TABLE + " ORDER BY table_name, column_name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Column col = new Column(rs.getString(1), rs.getString(2), rs.getString(3));
        if (!IDENTIFIER.matcher(col.table()).matches() || !IDENTIFIER.matcher(col.column()).matches()
            || !IDENTIFIER.matcher(col.keyColumn()).matches()) {
          log.warn("{} names {} (key {}), which is not a plain identifier: ignored", TABLE, col, col.keyColumn());
        } else if (exists(c, col.table())) {
          out.add(col);
        }
      }
    }
    return out;
  }

  /** True when {@code table}.{@code column} is registered. */
  static boolean registered(Connection c, String table, String column) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM " + TABLE + " WHERE table_name = ? AND column_name = ?")) {
      ps.setString(1, table);
      ps.setString(2, column);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Every non-null value of {@code col}, with its row key ({@code lock}: the row-lock suffix or ""). */
  static List<Value> values(Connection c, Column col, String lock) throws SQLException {
    List<Value> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + col.keyColumn() + ", " + col.column() + " FROM "
        + col.table() + " WHERE " + col.column() + " IS NOT NULL" + lock);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Value(rs.getString(1), rs.getString(2)));
      }
    }
    return out;
  }

  /** Replaces one value, if it is still {@code old}. */
  static void replace(Connection c, Column col, Value old, String sealed) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + col.table() + " SET " + col.column() + " = ? WHERE "
        + col.keyColumn() + " = ? AND " + col.column() + " = ?")) {
      ps.setString(1, sealed);
      ps.setString(2, old.rowKey());
      ps.setString(3, old.sealed());
      ps.executeUpdate();
    }
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    String escape = c.getMetaData().getSearchStringEscape();
    try (ResultSet rs = c.getMetaData().getTables(null, null, table.replace("_", escape + "_"), null)) {
      return rs.next();
    }
  }
}
