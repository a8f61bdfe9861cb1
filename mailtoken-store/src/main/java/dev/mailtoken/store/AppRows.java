package dev.mailtoken.store;

import dev.mailtoken.Secret;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code apps} table; the client secret is encrypted with AAD {@code apps/client_secret/<name>}. */
final class AppRows {
  static final String TABLE = "apps";
  static final String CLIENT_SECRET = "client_secret";

  private AppRows() {
  }

  static void insert(Connection c, FieldCipher cipher, StoredApp app, Instant now) throws SQLException {
    String sql = "INSERT INTO apps (name, provider_kind, tenant, issuer, token_endpoint, authorization_endpoint,"
        + " revocation_endpoint, userinfo_endpoint, client_id, client_secret, redirect_uri, scopes, smtp_host,"
        + " smtp_port, created_at, updated_at, device_authorization_endpoint)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    Object[] values = {
        app.name(), app.kind().name(), app.tenant().orElse(null), str(app.issuer()), app.tokenEndpoint().toString(),
        str(app.authorizationEndpoint()), str(app.revocationEndpoint()), str(app.userinfoEndpoint()), app.clientId(),
        app.clientSecret().map(s -> cipher.encrypt(TABLE, CLIENT_SECRET, app.name(), s.reveal())).orElse(null),
        str(app.redirectUri()), Columns.scopes(app.scopes()), app.smtpHost().orElse(null), app.smtpPort(),
        now.toEpochMilli(), now.toEpochMilli(), str(app.deviceAuthorizationEndpoint())};
    String[] names = {"name", "provider_kind", "tenant", "issuer", "token_endpoint", "authorization_endpoint",
        "revocation_endpoint", "userinfo_endpoint", "client_id", "client_secret", "redirect_uri", "scopes",
        "smtp_host", "smtp_port", "created_at", "updated_at", "device_authorization_endpoint"};
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        Columns.bind(ps, i + 1, names[i], values[i]);
      }
      ps.executeUpdate();
    }
  }

  static boolean exists(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM apps WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static Optional<StoredApp> find(Connection c, FieldCipher cipher, String name)
      throws SQLException, StoreKeyException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM apps WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs, cipher)) : Optional.empty();
      }
    }
  }

  static List<StoredApp> all(Connection c, FieldCipher cipher) throws SQLException, StoreKeyException {
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

  /** Name and encrypted client secret of every app that has one, for key rotation. */
  static List<String[]> encryptedSecrets(Connection c) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
            "SELECT name, client_secret FROM apps WHERE client_secret IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    return rows;
  }

  static void updateSecret(Connection c, String name, String encrypted, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE apps SET client_secret = ?, updated_at = ? WHERE name = ?")) {
      ps.setString(1, encrypted);
      ps.setLong(2, now.toEpochMilli());
      ps.setString(3, name);
      ps.executeUpdate();
    }
  }

  private static StoredApp read(ResultSet rs, FieldCipher cipher) throws SQLException, StoreKeyException {
    String name = rs.getString("name");
    Optional<String> encrypted = Columns.text(rs, CLIENT_SECRET);
    Optional<Secret> secret = encrypted.isEmpty() ? Optional.empty()
        : Optional.of(Secret.of(cipher.decrypt(TABLE, CLIENT_SECRET, name, encrypted.get())));
    return new StoredApp(name, ProviderKind.valueOf(rs.getString("provider_kind")), Columns.text(rs, "tenant"),
        Columns.uri(rs, "issuer"), URI.create(rs.getString("token_endpoint")),
        Columns.uri(rs, "authorization_endpoint"), Columns.uri(rs, "revocation_endpoint"),
        Columns.uri(rs, "userinfo_endpoint"), rs.getString("client_id"), secret, Columns.uri(rs, "redirect_uri"),
        Columns.scopes(rs.getString("scopes")), Columns.text(rs, "smtp_host"), rs.getInt("smtp_port"),
        Columns.uri(rs, "device_authorization_endpoint"));
  }

  private static String str(Optional<URI> uri) {
    return uri.map(URI::toString).orElse(null);
  }
}
