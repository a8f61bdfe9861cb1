package dev.mailtoken.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Seals whole tables: the first open after row MACs were introduced. */
final class RowSeals {
  private RowSeals() {
  }

  /** Gives every app and account row without a MAC one under {@code cipher}'s current key; returns how many. */
  static int sealUnsealed(Connection c, FieldCipher cipher) throws SQLException {
    int sealed = 0;
    for (AppRows.Keyed app : AppRows.keyed(c)) {
      if (app.seal().mac().isEmpty()) {
        setMac(c, AppRows.TABLE, "name", app.name(), app.seal().seal(cipher));
        sealed++;
      }
    }
    for (AccountRow row : AccountRows.all(c, "")) {
      if (row.seal().mac().isEmpty()) {
        setMac(c, AccountRow.TABLE, "address", row.address(), row.seal().seal(cipher));
        sealed++;
      }
    }
    return sealed;
  }

  static void setMac(Connection c, String table, String keyColumn, String rowKey, String mac) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE " + table + " SET " + RowSeal.COLUMN + " = ? WHERE " + keyColumn + " = ?")) {
      ps.setString(1, mac);
      ps.setString(2, rowKey);
      ps.executeUpdate();
    }
  }
}
