package dev.mailtoken.server.apitoken;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.internal.ServerDatabase;
import dev.mailtoken.server.web.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code api_tokens} and {@code server_meta} tables. Thread-safe. */
final class ApiTokenRepository {
  private static final String COLUMNS =
      "id, name, scopes, accounts, created_at, created_by, expires_at, last_used_at, revoked_at";
  static final String FIRST_START = "first_start";

  private final ServerDatabase db;

  ApiTokenRepository(ServerDatabase db) {
    this.db = db;
  }

  ServerDatabase db() {
    return db;
  }

  static void insert(Connection c, ApiToken t, String hash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (" + COLUMNS
        + ", token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, t.id());
      ps.setString(2, t.name());
      ps.setString(3, String.join(" ", t.scopes().stream().map(Scope::wireName).toList()));
      ps.setString(4, String.join(" ", t.accounts()));
      ps.setLong(5, t.createdAt().toEpochMilli());
      ps.setString(6, t.createdBy());
      setInstant(ps, 7, t.expiresAt());
      setInstant(ps, 8, t.lastUsedAt());
      setInstant(ps, 9, t.revokedAt());
      ps.setString(10, hash);
      ps.executeUpdate();
    }
  }

  List<ApiToken> all() throws MailtokenException {
    return db.read(c -> select(c, "SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at, id", null));
  }

  Optional<ApiToken> byId(String id) throws MailtokenException {
    return db.read(c -> select(c, "SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?", id)).stream().findFirst();
  }

  Optional<ApiToken> byHash(String hash) throws MailtokenException {
    return db.read(c -> select(c, "SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = ?", hash))
        .stream().findFirst();
  }

  /** Sets revoked_at unless already set; false when there is no such token. */
  boolean revoke(String id, Instant at) throws MailtokenException {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")) {
        ps.setLong(1, at.toEpochMilli());
        ps.setString(2, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  void touch(String id, Instant at) throws MailtokenException {
    db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")) {
        ps.setLong(1, at.toEpochMilli());
        ps.setString(2, id);
        return ps.executeUpdate();
      }
    });
  }

  /** Inside a write: true (and the mark set) only the first time it is called on this database. */
  static boolean markFirstStart(Connection c, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM server_meta WHERE name = ?" )) {
      ps.setString(1, FIRST_START);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO server_meta (name, value) VALUES (?, ?)")) {
      ps.setString(1, FIRST_START);
      ps.setString(2, at.toString());
      ps.executeUpdate();
    }
    return true;
  }

  private static List<ApiToken> select(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (arg != null) {
        ps.setString(1, arg);
      }
      List<ApiToken> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      return out;
    }
  }

  private static ApiToken row(ResultSet rs) throws SQLException {
    List<Scope> scopes = words(rs.getString(3)).stream().map(w -> Scope.fromWireName(w).orElseThrow(
        () -> new IllegalStateException("api_tokens holds an unknown scope " + w))).toList();
    return new ApiToken(rs.getString(1), rs.getString(2), scopes, words(rs.getString(4)),
        Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9));
  }

  private static List<String> words(String s) {
    return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split(" +"));
  }

  private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }

  private static void setInstant(PreparedStatement ps, int i, Optional<Instant> v) throws SQLException {
    if (v.isPresent()) {
      ps.setLong(i, v.get().toEpochMilli());
    } else {
      ps.setNull(i, Types.BIGINT);
    }
  }
}
