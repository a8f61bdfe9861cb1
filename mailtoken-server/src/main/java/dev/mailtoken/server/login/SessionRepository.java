package dev.mailtoken.server.login;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.internal.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The {@code admin_sessions} table and the admin password in {@code server_meta}. Thread-safe. */
final class SessionRepository {
  static final String PASSWORD = "admin_password";

  /** One stored session. */
  record Row(String id, String via, Instant createdAt, Instant lastSeenAt) {
  }

  private final ServerDatabase db;

  SessionRepository(ServerDatabase db) {
    this.db = db;
  }

  void insert(Row row, String secretHash, String client) throws MailtokenException {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO admin_sessions (id, secret_hash, via, client,"
          + " created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, row.id());
        ps.setString(2, secretHash);
        ps.setString(3, row.via());
        ps.setString(4, client.length() > 64 ? client.substring(0, 64) : client);
        ps.setLong(5, row.createdAt().toEpochMilli());
        ps.setLong(6, row.lastSeenAt().toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  Optional<Row> bySecretHash(String secretHash) throws MailtokenException {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, via, created_at, last_seen_at FROM admin_sessions WHERE secret_hash = ?")) {
        ps.setString(1, secretHash);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2),
              Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)))) : Optional.empty();
        }
      }
    });
  }

  void touch(String id, Instant at) throws MailtokenException {
    db.read(c -> update(c, "UPDATE admin_sessions SET last_seen_at = ? WHERE id = ?", at.toEpochMilli(), id));
  }

  /** @return true when there was such a session */
  boolean delete(String id) throws MailtokenException {
    return db.read(c -> update(c, "DELETE FROM admin_sessions WHERE id = ?", null, id)) > 0;
  }

  /** Deletes every session that logged in before {@code loggedInBefore} or was last seen before {@code idleBefore}. */
  int deleteExpired(Instant loggedInBefore, Instant idleBefore) throws MailtokenException {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM admin_sessions WHERE created_at < ? OR last_seen_at < ?")) {
        ps.setLong(1, loggedInBefore.toEpochMilli());
        ps.setLong(2, idleBefore.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  Optional<String> password() throws MailtokenException {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT value FROM server_meta WHERE name = ?")) {
        ps.setString(1, PASSWORD);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  /** Stores {@code hash} as the admin password, or removes it when empty; ends every password session. */
  void setPassword(Optional<String> hash) throws MailtokenException {
    db.write(c -> {
      update(c, "DELETE FROM server_meta WHERE name = ?", null, PASSWORD);
      if (hash.isPresent()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO server_meta (name, value) VALUES (?, ?)")) {
          ps.setString(1, PASSWORD);
          ps.setString(2, hash.get());
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM admin_sessions WHERE via LIKE 'password:%'")) {
        ps.executeUpdate();
      }
      return null;
    });
  }

  private static int update(Connection c, String sql, Long first, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (first != null) {
        ps.setLong(i++, first);
      }
      ps.setString(i, id);
      return ps.executeUpdate();
    }
  }
}
