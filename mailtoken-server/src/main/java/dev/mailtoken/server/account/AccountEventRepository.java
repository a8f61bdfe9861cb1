package dev.mailtoken.server.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.internal.ServerDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code account_events} table. Thread-safe. */
final class AccountEventRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> DATA = new TypeReference<>() { };

  private final ServerDatabase db;

  AccountEventRepository(ServerDatabase db) {
    this.db = db;
  }

  /** Inserts {@code e} unless an event with {@code dedupKey} exists; true when inserted. */
  boolean insertOnce(AccountEvent e, String dedupKey) throws MailtokenException {
    try {
      return db.write(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM account_events WHERE dedup_key = ?")) {
          ps.setString(1, dedupKey);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              return false;
            }
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO account_events (id, account, at, kind, detail, dedup_key, data)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, e.id());
          ps.setString(2, e.account());
          ps.setLong(3, e.at().toEpochMilli());
          ps.setString(4, e.kind());
          ps.setString(5, e.detail());
          ps.setString(6, dedupKey);
          ps.setString(7, toJson(e.data()));
          ps.executeUpdate();
        }
        return true;
      });
    } catch (MailtokenException ex) {
      // Another node inserted the same event between our check and insert (PostgreSQL).
      if (ex.getCause() instanceof SQLException sql && ServerDatabase.isDuplicate(sql)) {
        return false;
      }
      throw ex;
    }
  }

  /** The account's newest events first. */
  List<AccountEvent> newest(String account, int limit) throws MailtokenException {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, account, at, kind, detail, data FROM account_events"
          + " WHERE account = ? ORDER BY at DESC, id DESC LIMIT ?")) {
        ps.setString(1, account);
        ps.setInt(2, limit);
        List<AccountEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new AccountEvent(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                rs.getString(4), rs.getString(5), fromJson(rs.getString(6))));
          }
        }
        return out;
      }
    });
  }

  /**
   * When a person last consented for each account: its newest {@code account.connected} or
   * {@code account.reconnected} event.
   */
  Map<String, Instant> consentTimes() throws MailtokenException {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT account, MAX(at) FROM account_events"
          + " WHERE kind IN (?, ?) GROUP BY account")) {
        ps.setString(1, AccountEvent.CONNECTED);
        ps.setString(2, AccountEvent.RECONNECTED);
        Map<String, Instant> out = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
          }
        }
        return out;
      }
    });
  }

  private static String toJson(Map<String, String> data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serializes", e);
    }
  }

  private static Map<String, String> fromJson(String json) {
    try {
      return JSON.readValue(json, DATA);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("account_events.data is not a JSON object of strings", e);
    }
  }
}
