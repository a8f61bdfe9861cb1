package dev.mailtoken.bench.reliability;

import static dev.mailtoken.bench.reliability.Stage.ALICE;

import dev.mailtoken.testkit.RotationPolicy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Someone with write access to the database but not the key points the app's token endpoint at
 * their own listener with one plain SQL {@code UPDATE}: the next refresh must refuse before any
 * request, so neither the refresh token nor the client secret reaches the listener. Putting the
 * column back (the tampering undone) leaves a working grant.
 */
final class TamperRows {
  private TamperRows() {
  }

  static List<Row> rows() {
    Row sqlite = new Row("tampered-row", StoreKind.SQLITE, RotationPolicy.ROTATE_REUSE_DETECTION,
        "`apps.token_endpoint` changed with plain SQL to a listener of the attacker's",
        "The app row's MAC (keyed with the store key) no longer matches: `mailtoken token alice@example.com` is"
            + " refused with exit 5 (\"App test was changed without the store key …; re-add it\") before any"
            + " request; the attacker's listener sees no connection. Restoring the column restores the grant.",
        TamperRows::tamperTokenEndpoint);
    return List.of(sqlite, sqlite.on(StoreKind.POSTGRESQL));
  }

  private static RowResult tamperTokenEndpoint(Stage stage) throws Exception {
    Bound bound = stage.limits.slackOnly();
    stage.withAlice();
    String url = stage.jdbcUrl.orElse("jdbc:sqlite:" + stage.home.resolve("mailtoken.db"));
    Run refused;
    int attackerConnections;
    try (LoopbackRelay attacker = LoopbackRelay.neverAnswering()) {
      String original = tokenEndpoint(url);
      setTokenEndpoint(url, "http://127.0.0.1:" + attacker.port() + "/token");
      refused = stage.command(bound.limit().multipliedBy(3), "token", ALICE);
      attackerConnections = attacker.hungConnections();
      setTokenEndpoint(url, original);
    }
    long requests = stage.tokenRequests();
    Recovery recovery = stage.recover(ALICE);
    return new RowResult(Outcome.of(refused), refused.elapsed(), bound, requests + " (attacker's listener: "
        + attackerConnections + " connections)", !recovery.live() || attackerConnections > 0,
        (attackerConnections > 0 ? "**yes: the attacker's listener was reached**; " : "") + recovery.verdict(), "");
  }

  private static String tokenEndpoint(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement s = c.prepareStatement("SELECT token_endpoint FROM apps WHERE name = 'test'");
        ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        throw new IllegalStateException("no app 'test' in " + url);
      }
      return r.getString(1);
    }
  }

  private static void setTokenEndpoint(String url, String endpoint) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement s = c.prepareStatement("UPDATE apps SET token_endpoint = ? WHERE name = 'test'")) {
      s.setString(1, endpoint);
      if (s.executeUpdate() != 1) {
        throw new IllegalStateException("app 'test' not updated in " + url);
      }
    }
  }
}
