package dev.mailtoken.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/** SQL for the {@code refresh_state} table; callers hold the account's lock ({@link Database#write}). */
final class RefreshStates {
  private static final String COLUMNS = "claim_id = ?, claim_owner = ?, claimed_at = ?, lease_until = ?,"
      + " claimed_token = ?, interrupted_at = ?, failures = ?, next_attempt_at = ?";

  /** A row as stored: the public state and the id of the claim in it (to tell whose it is). */
  record Row(Optional<String> claimId, RefreshState state) {
    static final Row NONE = new Row(Optional.empty(), RefreshState.NONE);

    /** Without {@code claim} when it is the one in this row; unchanged when another process took over. */
    Row releasedBy(RefreshClaim claim) {
      return claim.ownedBy(this) ? new Row(Optional.empty(), state.released()) : this;
    }

    Row withCounters(Optional<Instant> interrupted, int failures, Optional<Instant> nextAttempt) {
      return new Row(claimId, state.withCounters(interrupted, failures, nextAttempt));
    }
  }

  private RefreshStates() {
  }

  static Row find(Connection c, String address) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM refresh_state WHERE address = ?")) {
      ps.setString(1, address);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Row.NONE;
        }
        return new Row(Columns.text(rs, "claim_id"), new RefreshState(Columns.instant(rs, "claimed_at"),
            Columns.text(rs, "claim_owner"), Columns.instant(rs, "lease_until"), Columns.text(rs, "claimed_token"),
            Columns.instant(rs, "interrupted_at"), rs.getInt("failures"), Columns.instant(rs, "next_attempt_at")));
      }
    }
  }

  /** Writes {@code row} for {@code address}, creating the row when there is none. */
  static void write(Connection c, String address, Row row) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_state SET " + COLUMNS + " WHERE address = ?")) {
      int i = bind(ps, row);
      ps.setString(i, address);
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO refresh_state (claim_id, claim_owner, claimed_at,"
        + " lease_until, claimed_token, interrupted_at, failures, next_attempt_at, address)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int i = bind(ps, row);
      ps.setString(i, address);
      ps.executeUpdate();
    }
  }

  /** Forgets everything: a new grant starts with no claim, no failures and no backoff. */
  static void clear(Connection c, String address) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM refresh_state WHERE address = ?")) {
      ps.setString(1, address);
      ps.executeUpdate();
    }
  }

  private static int bind(PreparedStatement ps, Row row) throws SQLException {
    RefreshState s = row.state();
    text(ps, 1, row.claimId());
    text(ps, 2, s.claimOwner());
    millis(ps, 3, s.claimedAt());
    millis(ps, 4, s.leaseUntil());
    text(ps, 5, s.claimedTokenFingerprint());
    millis(ps, 6, s.interruptedAt());
    ps.setInt(7, s.failures());
    millis(ps, 8, s.nextAttemptAt());
    return 9;
  }

  private static void text(PreparedStatement ps, int i, Optional<String> value) throws SQLException {
    if (value.isPresent()) {
      ps.setString(i, value.get());
    } else {
      ps.setNull(i, Types.VARCHAR);
    }
  }

  private static void millis(PreparedStatement ps, int i, Optional<Instant> value) throws SQLException {
    if (value.isPresent()) {
      ps.setLong(i, value.get().toEpochMilli());
    } else {
      ps.setNull(i, Types.BIGINT);
    }
  }
}
