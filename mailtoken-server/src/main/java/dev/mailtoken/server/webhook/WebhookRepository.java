package dev.mailtoken.server.webhook;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.internal.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code webhooks} table. Thread-safe. */
final class WebhookRepository {
  /** A webhook with its sealed signing key, for the worker. */
  record Stored(Webhook webhook, String sealedKey) { }

  private static final String COLUMNS = "id, url, events, description, created_at, created_by, signing_key";

  private final ServerDatabase db;

  WebhookRepository(ServerDatabase db) {
    this.db = db;
  }

  ServerDatabase db() {
    return db;
  }

  static void insert(Connection c, Webhook w, String sealedKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhooks (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, w.id());
      ps.setString(2, w.url());
      ps.setString(3, String.join(" ", w.events().stream().map(WebhookEventType::wireName).toList()));
      ps.setString(4, w.description());
      ps.setLong(5, w.createdAt().toEpochMilli());
      ps.setString(6, w.createdBy());
      ps.setString(7, sealedKey);
      ps.executeUpdate();
    }
  }

  List<Stored> all() throws MailtokenException {
    return db.read(c -> select(c, "SELECT " + COLUMNS + " FROM webhooks ORDER BY created_at, id", null));
  }

  Optional<Stored> byId(String id) throws MailtokenException {
    return db.read(c -> select(c, "SELECT " + COLUMNS + " FROM webhooks WHERE id = ?", id)).stream().findFirst();
  }

  /** Every webhook that receives {@code type}, inside a transaction. */
  static List<Webhook> receiving(Connection c, WebhookEventType type) throws SQLException {
    List<Webhook> out = new ArrayList<>();
    for (Stored s : select(c, "SELECT " + COLUMNS + " FROM webhooks ORDER BY created_at, id", null)) {
      if (s.webhook().receives(type)) {
        out.add(s.webhook());
      }
    }
    return out;
  }

  /** Deletes the webhook and its deliveries; false when there is no such webhook. */
  boolean delete(String id) throws MailtokenException {
    return db.write(c -> {
      try (PreparedStatement d = c.prepareStatement("DELETE FROM webhook_deliveries WHERE webhook_id = ?");
          PreparedStatement w = c.prepareStatement("DELETE FROM webhooks WHERE id = ?")) {
        d.setString(1, id);
        d.executeUpdate();
        w.setString(1, id);
        return w.executeUpdate() == 1;
      }
    });
  }

  private static List<Stored> select(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (arg != null) {
        ps.setString(1, arg);
      }
      List<Stored> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<WebhookEventType> events = Arrays.stream(rs.getString(3).trim().split(" +"))
              .map(w -> WebhookEventType.fromWireName(w).orElseThrow(
                  () -> new IllegalStateException("webhooks holds an unknown event type " + w)))
              .toList();
          out.add(new Stored(new Webhook(rs.getString(1), rs.getString(2), events, rs.getString(4),
              Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6)), rs.getString(7)));
        }
      }
      return out;
    }
  }
}
