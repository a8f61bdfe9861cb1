package dev.mailtoken.store;

import dev.mailtoken.Secret;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.token.AccessToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * SQL for {@code resource_tokens}: an account's access token for a scope set other than its own
 * (Microsoft Graph beside Outlook SMTP), keyed by the {@linkplain #key scope key}. The token is
 * encrypted with the additional authenticated data {@code resource_tokens / access_token /
 * <address length>:<address> <scope key>}, so a ciphertext moved to another account or resource
 * fails to decrypt. Callers check the account row's MAC before they decrypt. Stateless.
 */
final class ResourceTokens {
  static final String TABLE = "resource_tokens";
  static final String ACCESS_TOKEN = "access_token";

  /** One stored ciphertext, for key rotation and key usage. */
  record Encrypted(String address, String key, String value) { }

  private ResourceTokens() {
  }

  /**
   * The scope key of {@code scopes}: sorted, without duplicates, space-separated; empty for the
   * account's own token (which lives in {@code accounts}).
   *
   * @throws IllegalArgumentException for a blank scope or one containing white space
   */
  static String key(Collection<String> scopes) {
    Objects.requireNonNull(scopes, "scopes");
    TreeSet<String> sorted = new TreeSet<>();
    for (String s : scopes) {
      if (Objects.requireNonNull(s, "scope").isBlank() || s.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("a scope must be non-blank and contain no spaces, got \"" + s + "\"");
      }
      sorted.add(s);
    }
    return String.join(" ", sorted);
  }

  /** The scopes of a scope key, to ask the provider for. */
  static List<String> scopes(String key) {
    return Columns.scopes(key);
  }

  /** The row key bound into the ciphertext: unambiguous, since the address's length comes first. */
  static String rowKey(String address, String key) {
    return address.length() + ":" + address + " " + key;
  }

  static Optional<AccessToken> find(Connection c, FieldCipher f, String address, String key)
      throws SQLException, StoreKeyException {
    try (PreparedStatement ps = c.prepareStatement("SELECT access_token, expires_at, scopes, refreshed_at FROM "
        + TABLE + " WHERE address = ? AND scope_key = ?")) {
      ps.setString(1, address);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Secret value = Secret.of(f.decrypt(TABLE, ACCESS_TOKEN, rowKey(address, key), rs.getString(ACCESS_TOKEN)));
        Instant refreshed = Instant.ofEpochMilli(rs.getLong("refreshed_at"));
        // An unknown lifetime counts from the refresh, as for the account's own token.
        Instant expires = Columns.instant(rs, "expires_at").orElse(refreshed.plus(TokenResponse.ASSUMED_LIFETIME));
        return Optional.of(new AccessToken(value, Optional.of(expires), new HashSet<>(Columns.scopes(
            rs.getString("scopes")))));
      }
    }
  }

  /** Stores {@code token} as the account's token for {@code key}, replacing any. */
  static void put(Connection c, FieldCipher f, String address, String key, AccessToken token, Instant now)
      throws SQLException {
    delete(c, address, key);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
        + " (address, scope_key, access_token, expires_at, scopes, refreshed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, address);
      ps.setString(2, key);
      ps.setString(3, f.encrypt(TABLE, ACCESS_TOKEN, rowKey(address, key), token.value().reveal()));
      Columns.bind(ps, 4, "expires_at", Columns.millis(token.expiresAt()));
      ps.setString(5, Columns.scopes(token.scopes()));
      ps.setLong(6, now.toEpochMilli());
      ps.executeUpdate();
    }
  }

  private static void delete(Connection c, String address, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE address = ? AND scope_key = ?")) {
      ps.setString(1, address);
      ps.setString(2, key);
      ps.executeUpdate();
    }
  }

  /** Forgets every resource token of the account (its grant was replaced, revoked or edited). */
  static void deleteAll(Connection c, String address) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE address = ?")) {
      ps.setString(1, address);
      ps.executeUpdate();
    }
  }

  /** The scope keys the account has a token for, sorted. */
  static List<String> keys(Connection c, String address) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT scope_key FROM " + TABLE
        + " WHERE address = ? ORDER BY scope_key")) {
      ps.setString(1, address);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
    }
    return keys;
  }

  static List<Encrypted> all(Connection c) throws SQLException {
    List<Encrypted> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT address, scope_key, access_token FROM " + TABLE
        + " ORDER BY address, scope_key"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(new Encrypted(rs.getString(1), rs.getString(2), rs.getString(3)));
      }
    }
    return rows;
  }

  /** Key rotation: the same token under the writer's key. */
  static void reencrypt(Connection c, Encrypted row, FieldCipher reader, FieldCipher writer)
      throws SQLException, StoreKeyException {
    String rowKey = rowKey(row.address(), row.key());
    String plain = reader.decrypt(TABLE, ACCESS_TOKEN, rowKey, row.value());
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
        + " SET access_token = ? WHERE address = ? AND scope_key = ?")) {
      ps.setString(1, writer.encrypt(TABLE, ACCESS_TOKEN, rowKey, plain));
      ps.setString(2, row.address());
      ps.setString(3, row.key());
      ps.executeUpdate();
    }
  }
}
