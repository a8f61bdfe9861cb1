package dev.mailtoken.store;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.Secret;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for the {@code apps} table; the client secret is encrypted with AAD {@code apps/client_secret/<name>},
 * the columns in {@link RowSeal#APP_COLUMNS} are sealed by the row MAC, checked on every read.
 */
final class AppRows {
  static final String TABLE = "apps";
  static final String CLIENT_SECRET = "client_secret";

  private AppRows() {
  }

  static void insert(Connection c, FieldCipher cipher, StoredApp app, Instant now) throws SQLException {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("name", app.name());
    columns.putAll(values(cipher, app));
    columns.put("created_at", now.toEpochMilli());
    columns.put("updated_at", now.toEpochMilli());
    columns.put(RowSeal.COLUMN, RowSeal.of(TABLE, app.name(), columns).seal(cipher));
    String sql = "INSERT INTO apps (" + String.join(", ", columns.keySet()) + ") VALUES ("
        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Map.Entry<String, Object> e : columns.entrySet()) {
        Columns.bind(ps, i++, e.getKey(), e.getValue());
      }
      ps.executeUpdate();
    }
  }

  /**
   * Overwrites every column of the existing row {@code app.name()} (created_at excepted) and seals
   * it again. The caller has read (and so verified) the row in the same transaction.
   */
  static void update(Connection c, FieldCipher cipher, StoredApp app, Instant now) throws SQLException {
    Map<String, Object> columns = values(cipher, app);
    columns.put("updated_at", now.toEpochMilli());
    columns.put(RowSeal.COLUMN, RowSeal.of(TABLE, app.name(), columns).seal(cipher));
    String sql = "UPDATE apps SET " + String.join(" = ?, ", columns.keySet()) + " = ? WHERE name = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Map.Entry<String, Object> e : columns.entrySet()) {
        Columns.bind(ps, i++, e.getKey(), e.getValue());
      }
      ps.setString(i, app.name());
      ps.executeUpdate();
    }
  }

  /** Every column but the name and the times, the client secret encrypted for this row. */
  private static Map<String, Object> values(FieldCipher cipher, StoredApp app) {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("provider_kind", app.kind().name());
    columns.put("tenant", app.tenant().orElse(null));
    columns.put("issuer", str(app.issuer()));
    columns.put("token_endpoint", app.tokenEndpoint().toString());
    columns.put("authorization_endpoint", str(app.authorizationEndpoint()));
    columns.put("revocation_endpoint", str(app.revocationEndpoint()));
    columns.put("userinfo_endpoint", str(app.userinfoEndpoint()));
    columns.put("client_id", app.clientId());
    columns.put(CLIENT_SECRET,
        app.clientSecret().map(s -> cipher.encrypt(TABLE, CLIENT_SECRET, app.name(), s.reveal())).orElse(null));
    columns.put("redirect_uri", str(app.redirectUri()));
    columns.put("scopes", Columns.scopes(app.scopes()));
    columns.put("smtp_host", app.smtpHost().orElse(null));
    columns.put("smtp_port", app.smtpPort());
    columns.put("device_authorization_endpoint", str(app.deviceAuthorizationEndpoint()));
    columns.put("smtp_security", app.smtpSecurity().orElse(null));
    columns.put("sasl", app.sasl().orElse(null));
    return columns;
  }

  static boolean exists(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM apps WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The app, its row MAC checked. @throws TamperedRowException when it was changed without the key */
  static Optional<StoredApp> find(Connection c, FieldCipher cipher, String name)
      throws SQLException, ConfigurationException {
    return findForUpdate(c, cipher, name, "");
  }

  /** {@link #find} with a row-lock suffix ({@code FOR UPDATE} on PostgreSQL, inside a write). */
  static Optional<StoredApp> findForUpdate(Connection c, FieldCipher cipher, String name, String lock)
      throws SQLException, ConfigurationException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM apps WHERE name = ?" + lock)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs, cipher)) : Optional.empty();
      }
    }
  }

  /** Every app, each row MAC checked. @throws TamperedRowException for the first one changed without the key */
  static List<StoredApp> all(Connection c, FieldCipher cipher) throws SQLException, ConfigurationException {
    List<StoredApp> apps = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM apps ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        apps.add(read(rs, cipher));
      }
    }
    return apps;
  }

  static List<String> accountsUsing(Connection c, String name) throws SQLException {
    List<String> addresses = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT address FROM accounts WHERE app_name = ? ORDER BY address")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          addresses.add(rs.getString(1));
        }
      }
    }
    return addresses;
  }

  static boolean delete(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM apps WHERE name = ?")) {
      ps.setString(1, name);
      return ps.executeUpdate() > 0;
    }
  }

  /** An app row as key rotation sees it: the encrypted client secret and the seal, nothing decrypted. */
  record Keyed(String name, Optional<String> clientSecret, RowSeal seal) {
  }

  /** Every app row, for key rotation and key usage. */
  static List<Keyed> keyed(Connection c) throws SQLException {
    List<Keyed> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM apps ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(new Keyed(rs.getString("name"), Columns.text(rs, CLIENT_SECRET), RowSeal.read(rs, TABLE, "name")));
      }
    }
    return rows;
  }

  /** Sets the client secret (when {@code encrypted} is present) and the row MAC. */
  static void updateKeyed(Connection c, String name, Optional<String> encrypted, String rowMac, Instant now)
      throws SQLException {
    String sql = "UPDATE apps SET " + (encrypted.isPresent() ? "client_secret = ?, " : "")
        + "row_mac = ?, updated_at = ? WHERE name = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (encrypted.isPresent()) {
        ps.setString(i++, encrypted.get());
      }
      ps.setString(i++, rowMac);
      ps.setLong(i++, now.toEpochMilli());
      ps.setString(i, name);
      ps.executeUpdate();
    }
  }

  private static StoredApp read(ResultSet rs, FieldCipher cipher) throws SQLException, ConfigurationException {
    String name = rs.getString("name");
    RowSeal.read(rs, TABLE, "name").verify(cipher);
    Optional<String> encrypted = Columns.text(rs, CLIENT_SECRET);
    Optional<Secret> secret = encrypted.isEmpty() ? Optional.empty()
        : Optional.of(Secret.of(cipher.decrypt(TABLE, CLIENT_SECRET, name, encrypted.get())));
    return new StoredApp(name, ProviderKind.valueOf(rs.getString("provider_kind")), Columns.text(rs, "tenant"),
        Columns.uri(rs, "issuer"), URI.create(rs.getString("token_endpoint")),
        Columns.uri(rs, "authorization_endpoint"), Columns.uri(rs, "revocation_endpoint"),
        Columns.uri(rs, "userinfo_endpoint"), rs.getString("client_id"), secret, Columns.uri(rs, "redirect_uri"),
        Columns.scopes(rs.getString("scopes")), Columns.text(rs, "smtp_host"), rs.getInt("smtp_port"),
        Columns.uri(rs, "device_authorization_endpoint"), Columns.text(rs, "smtp_security"),
        Columns.text(rs, "sasl"));
  }

  private static String str(Optional<URI> uri) {
    return uri.map(URI::toString).orElse(null);
  }
}
