package dev.mailtoken.server.audit;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.internal.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code audit_log} table. Thread-safe. */
final class AuditRepository {
  private final ServerDatabase db;

  AuditRepository(ServerDatabase db) {
    this.db = db;
  }

  void insert(List<AuditEntry> entries) throws MailtokenException {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO audit_log (id, at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (AuditEntry e : entries) {
          ps.setString(1, e.id());
          ps.setLong(2, e.at().toEpochMilli());
          ps.setString(3, e.actor());
          ps.setString(4, e.action());
          ps.setString(5, e.subject());
          ps.setString(6, e.detail());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /** Newest first; {@code subject} null for all subjects. */
  List<AuditEntry> newest(int limit, String subject) throws MailtokenException {
    return db.read(c -> query(c, limit, subject));
  }

  private static List<AuditEntry> query(Connection c, int limit, String subject) throws SQLException {
    String sql = "SELECT id, at, actor, action, subject, detail FROM audit_log"
        + (subject == null ? "" : " WHERE subject = ?") + " ORDER BY at DESC, id DESC LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (subject != null) {
        ps.setString(i++, subject);
      }
      ps.setInt(i, limit);
      List<AuditEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AuditEntry(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getString(6)));
        }
      }
      return out;
    }
  }
}
