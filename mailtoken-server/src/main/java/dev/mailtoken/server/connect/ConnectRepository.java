package dev.mailtoken.server.connect;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.internal.ServerDatabase;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The {@code connect_links} and {@code connect_attempts} tables. Every state change is one
 * conditional UPDATE ({@code ... WHERE session_hash IS NULL}, {@code ... WHERE used_at IS NULL}), so
 * two nodes racing for the same link or the same callback see exactly one winner. Thread-safe.
 */
final class ConnectRepository {
  /** Rows of links this long past their expiry are deleted (the API can report on a link until then). */
  static final Duration KEEP_EXPIRED = Duration.ofDays(7);
  private static final String LINK_COLUMNS = "id, app, expected_mailbox, return_url, created_at, created_by,"
      + " expires_at, opened_at, completed_at, account, session_hash";
  private static final String ATTEMPT_COLUMNS = "state_hash, link_id, app, redirect_uri, scopes, required_scopes,"
      + " sealed_verifier, created_at, expires_at, used_at";

  private final ServerDatabase db;
  private final Clock clock;

  ConnectRepository(ServerDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  void insertLink(ConnectLink l, String secretHash) throws MailtokenException {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO connect_links (id, secret_hash, app,"
          + " expected_mailbox, return_url, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, l.id());
        ps.setString(2, secretHash);
        ps.setString(3, l.app().orElse(null));
        ps.setString(4, l.expectedMailbox().orElse(null));
        ps.setString(5, l.returnUrl().orElse(null));
        ps.setLong(6, l.createdAt().toEpochMilli());
        ps.setString(7, l.createdBy());
        ps.setLong(8, l.expiresAt().toEpochMilli());
        ps.executeUpdate();
      }
      return null;
    });
  }

  Optional<StoredLink> linkBySecretHash(String secretHash) throws MailtokenException {
    return oneLink("secret_hash", secretHash);
  }

  Optional<StoredLink> linkById(String id) throws MailtokenException {
    return oneLink("id", id);
  }

  private Optional<StoredLink> oneLink(String column, String value) throws MailtokenException {
    Instant now = clock.instant();
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + LINK_COLUMNS + " FROM connect_links WHERE "
          + column + " = ?")) {
        ps.setString(1, value);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(link(rs, now)) : Optional.<StoredLink>empty();
        }
      }
    });
  }

  /** Binds a link to a browser session the first time it is opened; false when another session won. */
  boolean bindSession(String id, String sessionHash, Instant at) throws MailtokenException {
    return update("UPDATE connect_links SET session_hash = ?, opened_at = ? WHERE id = ? AND session_hash IS NULL",
        sessionHash, at.toEpochMilli(), id);
  }

  /** Marks a link used for {@code account}; false when it already was. */
  boolean complete(String id, String account, Instant at) throws MailtokenException {
    return update("UPDATE connect_links SET completed_at = ?, account = ? WHERE id = ? AND completed_at IS NULL",
        at.toEpochMilli(), account, id);
  }

  void insertAttempt(Attempt a) throws MailtokenException {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO connect_attempts (" + ATTEMPT_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, a.stateHash());
        ps.setString(2, a.linkId());
        ps.setString(3, a.app());
        ps.setString(4, a.redirectUri().toString());
        ps.setString(5, String.join(" ", a.scopes()));
        ps.setString(6, String.join(" ", a.requiredScopes()));
        ps.setString(7, a.sealedVerifier());
        ps.setLong(8, a.createdAt().toEpochMilli());
        ps.setLong(9, a.expiresAt().toEpochMilli());
        ps.setNull(10, Types.BIGINT);
        ps.executeUpdate();
      }
      return null;
    });
  }

  Optional<Attempt> attempt(String stateHash) throws MailtokenException {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + ATTEMPT_COLUMNS
          + " FROM connect_attempts WHERE state_hash = ?")) {
        ps.setString(1, stateHash);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(attempt(rs)) : Optional.<Attempt>empty();
        }
      }
    });
  }

  /** Marks an attempt's answer received; false when it already was (a replayed callback). */
  boolean claimAttempt(String stateHash, Instant at) throws MailtokenException {
    return update("UPDATE connect_attempts SET used_at = ? WHERE state_hash = ? AND used_at IS NULL",
        at.toEpochMilli(), stateHash);
  }

  /** Deletes attempts past their expiry and links {@link #KEEP_EXPIRED} past theirs. */
  void purge(Instant now) throws MailtokenException {
    long cutoff = now.minus(KEEP_EXPIRED).toEpochMilli();
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM connect_attempts WHERE expires_at < ?"
          + " OR link_id IN (SELECT id FROM connect_links WHERE expires_at < ?)")) {
        ps.setLong(1, now.toEpochMilli());
        ps.setLong(2, cutoff);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM connect_links WHERE expires_at < ?")) {
        ps.setLong(1, cutoff);
        ps.executeUpdate();
      }
      return null;
    });
  }

  private boolean update(String sql, Object... args) throws MailtokenException {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          ps.setObject(i + 1, args[i]);
        }
        return ps.executeUpdate() == 1;
      }
    });
  }

  private static StoredLink link(ResultSet rs, Instant now) throws SQLException {
    Instant expires = Instant.ofEpochMilli(rs.getLong(7));
    Optional<Instant> opened = instant(rs, 8);
    Optional<Instant> completed = instant(rs, 9);
    ConnectLink l = new ConnectLink(rs.getString(1), Optional.ofNullable(rs.getString(2)),
        Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4)),
        Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), expires, opened, completed,
        Optional.ofNullable(rs.getString(10)), ConnectLink.statusAt(now, expires, opened, completed));
    return new StoredLink(l, Optional.ofNullable(rs.getString(11)));
  }

  private static Attempt attempt(ResultSet rs) throws SQLException {
    return new Attempt(rs.getString(1), rs.getString(2), rs.getString(3), URI.create(rs.getString(4)),
        words(rs.getString(5)), new LinkedHashSet<>(words(rs.getString(6))), rs.getString(7),
        Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)), instant(rs, 10));
  }

  private static List<String> words(String s) {
    return s == null || s.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(s.trim().split(" +")));
  }

  private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }
}
