package dev.mailtoken.server.webhook;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.internal.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code webhook_deliveries} table. A node sends a delivery only after claiming it (a lease
 * in {@code claimed_until}), and records the outcome only while it holds the claim, so nodes on
 * one database never send the same attempt twice. Thread-safe.
 */
final class DeliveryRepository {
  /** What the worker needs to make one attempt. */
  record Due(String id, String webhookId, String eventId, WebhookEventType type, String payload, int attempts,
      Instant expiresAt) { }

  private static final String LOG_COLUMNS = "id, webhook_id, event_id, event_type, state, attempts, created_at,"
      + " expires_at, next_attempt_at, last_attempt_at, last_status, last_error, delivered_at";
  private static final int MAX_ERROR = 500;

  private final ServerDatabase db;

  DeliveryRepository(ServerDatabase db) {
    this.db = db;
  }

  /** Inside a write: a pending delivery of {@code event} to {@code webhookId}, due at once. */
  static void insert(Connection c, String id, String webhookId, WebhookEvent event, Instant expiresAt)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_deliveries (id, webhook_id, event_id,"
        + " event_type, payload, created_at, expires_at, state, attempts, next_attempt_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
      ps.setString(1, id);
      ps.setString(2, webhookId);
      ps.setString(3, event.id());
      ps.setString(4, event.type().wireName());
      ps.setString(5, event.payload());
      ps.setLong(6, event.at().toEpochMilli());
      ps.setLong(7, expiresAt.toEpochMilli());
      ps.setString(8, DeliveryState.PENDING.wireName());
      ps.setLong(9, event.at().toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** The delivery log of one webhook, newest first. */
  List<Delivery> log(String webhookId, int limit) throws MailtokenException {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + LOG_COLUMNS + " FROM webhook_deliveries"
          + " WHERE webhook_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")) {
        ps.setString(1, webhookId);
        ps.setInt(2, limit);
        List<Delivery> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(logRow(rs));
          }
        }
        return out;
      }
    });
  }

  /** Pending deliveries due at {@code now} and not claimed by a live lease, earliest first. */
  List<Due> due(Instant now, int limit) throws MailtokenException {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, webhook_id, event_id, event_type, payload,"
          + " attempts, expires_at FROM webhook_deliveries WHERE state = ? AND next_attempt_at <= ?"
          + " AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY next_attempt_at, id LIMIT ?")) {
        ps.setString(1, DeliveryState.PENDING.wireName());
        ps.setLong(2, now.toEpochMilli());
        ps.setLong(3, now.toEpochMilli());
        ps.setInt(4, limit);
        List<Due> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Due(rs.getString(1), rs.getString(2), rs.getString(3), type(rs.getString(4)),
                rs.getString(5), rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7))));
          }
        }
        return out;
      }
    });
  }

  /** Takes the lease on a due delivery until {@code until}; false when another node has it or it is done. */
  boolean claim(String id, String node, Instant now, Instant until) throws MailtokenException {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_deliveries SET claimed_by = ?,"
          + " claimed_until = ? WHERE id = ? AND state = ? AND (claimed_until IS NULL OR claimed_until <= ?)")) {
        ps.setString(1, node);
        ps.setLong(2, until.toEpochMilli());
        ps.setString(3, id);
        ps.setString(4, DeliveryState.PENDING.wireName());
        ps.setLong(5, now.toEpochMilli());
        return ps.executeUpdate() == 1;
      }
    });
  }

  /**
   * Records an attempt's outcome and releases the lease, if {@code node} still holds it.
   *
   * @param next when to try again (state pending); empty for delivered or failed
   */
  void record(String id, String node, DeliveryState state, Instant at, Optional<Integer> status,
      Optional<String> error, Optional<Instant> next) throws MailtokenException {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_deliveries SET state = ?,"
          + " attempts = attempts + 1, last_attempt_at = ?, last_status = ?, last_error = ?, next_attempt_at = ?,"
          + " delivered_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?")) {
        ps.setString(1, state.wireName());
        ps.setLong(2, at.toEpochMilli());
        if (status.isPresent()) {
          ps.setInt(3, status.get());
        } else {
          ps.setNull(3, Types.INTEGER);
        }
        ps.setString(4, error.map(e -> e.length() > MAX_ERROR ? e.substring(0, MAX_ERROR) : e).orElse(null));
        ps.setLong(5, next.orElse(at).toEpochMilli());
        if (state == DeliveryState.DELIVERED) {
          ps.setLong(6, at.toEpochMilli());
        } else {
          ps.setNull(6, Types.BIGINT);
        }
        ps.setString(7, id);
        ps.setString(8, node);
        return ps.executeUpdate();
      }
    });
  }

  /** When the earliest pending delivery is due, if any. */
  Optional<Instant> nextDue() throws MailtokenException {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT MIN(next_attempt_at) FROM webhook_deliveries WHERE state = ?")) {
        ps.setString(1, DeliveryState.PENDING.wireName());
        try (ResultSet rs = ps.executeQuery()) {
          long v = rs.next() ? rs.getLong(1) : 0;
          return rs.wasNull() || v == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
        }
      }
    });
  }

  private static Delivery logRow(ResultSet rs) throws SQLException {
    DeliveryState state = DeliveryState.fromWireName(rs.getString(5)).orElseThrow(
        () -> new IllegalStateException("webhook_deliveries holds an unknown state"));
    Optional<Instant> next = state == DeliveryState.PENDING ? instant(rs, 9) : Optional.empty();
    long status = rs.getLong(11);
    Optional<Integer> lastStatus = rs.wasNull() ? Optional.empty() : Optional.of((int) status);
    return new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), type(rs.getString(4)), state,
        rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)), next,
        instant(rs, 10), lastStatus, Optional.ofNullable(rs.getString(12)), instant(rs, 13));
  }

  private static WebhookEventType type(String wire) {
    return WebhookEventType.fromWireName(wire).orElseThrow(
        () -> new IllegalStateException("webhook_deliveries holds an unknown event type " + wire));
  }

  private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }
}
