package dev.mailtoken.store;

import dev.mailtoken.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.flywaydb.core.Flyway;

/** A database as mailtoken wrote it before row MACs (schema version 1): for upgrade tests. */
final class LegacyDatabase {
  private LegacyDatabase() {
  }

  /** Migrates {@code url} to version 1 and stores {@code app} and one refresh-token account the way version 1 did. */
  static void create(String url, KeyRing keys, StoredApp app, String address, Secret refreshToken) throws Exception {
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/mailtoken")
        .table(StoreSchema.HISTORY_TABLE).target("1").load().migrate();
    FieldCipher cipher = new FieldCipher(keys);
    try (Connection c = DriverManager.getConnection(url)) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_meta (name, value) VALUES ('key_check', ?)")) {
        ps.setString(1, cipher.encrypt("store_meta", "value", "key_check", "mailtoken key check"));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO apps (name, provider_kind, issuer, token_endpoint,"
          + " authorization_endpoint, revocation_endpoint, client_id, client_secret, redirect_uri, scopes, smtp_host,"
          + " smtp_port, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1)")) {
        ps.setString(1, app.name());
        ps.setString(2, app.kind().name());
        ps.setString(3, app.issuer().orElseThrow().toString());
        ps.setString(4, app.tokenEndpoint().toString());
        ps.setString(5, app.authorizationEndpoint().orElseThrow().toString());
        ps.setString(6, app.revocationEndpoint().orElseThrow().toString());
        ps.setString(7, app.clientId());
        ps.setString(8, cipher.encrypt("apps", "client_secret", app.name(), app.clientSecret().orElseThrow().reveal()));
        ps.setString(9, app.redirectUri().orElseThrow().toString());
        ps.setString(10, String.join(" ", app.scopes()));
        ps.setString(11, app.smtpHost().orElseThrow());
        ps.setInt(12, app.smtpPort());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (address, app_name, grant_kind,"
          + " granted_scopes, refresh_token, status, created_at, updated_at, version)"
          + " VALUES (?, ?, 'REFRESH_TOKEN', ?, ?, 'HEALTHY', 1, 1, 1)")) {
        ps.setString(1, address);
        ps.setString(2, app.name());
        ps.setString(3, String.join(" ", app.scopes()));
        ps.setString(4, cipher.encrypt("accounts", "refresh_token", address, refreshToken.reveal()));
        ps.executeUpdate();
      }
    }
  }
}
