package dev.mailtoken.bench.reliability;

import static dev.mailtoken.bench.reliability.Stage.ALICE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.RotationPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code mailtoken keys rotate} in one process while another, started before it with the old key
 * ring, writes: an {@code authorize} waiting for consent, and a refresh whose (rotated) answer
 * arrives after the rotation. Nothing is lost when, afterwards, the old key can be retired and
 * every account still refreshes.
 */
final class KeyRotationRows {
  static final String BOB = "bob@example.com";

  private KeyRotationRows() {
  }

  static List<Row> rows() {
    Row authorize = new Row("rotate-during-authorize", StoreKind.SQLITE, RotationPolicy.ROTATE_REUSE_DETECTION,
        "`mailtoken keys rotate` while `mailtoken authorize --app test --account bob@example.com` waits for consent",
        "The authorize process holds the old key ring. Before it writes it sees that the store's current key"
            + " changed, reads the key file again (the rotation kept the old key and put the new one in front) and"
            + " stores bob under the new key. Afterwards `mailtoken keys retire KEYID` removes the old key (nothing"
            + " uses it) and both accounts refresh.",
        KeyRotationRows::duringAuthorize);
    Row refresh = new Row("rotate-during-refresh", StoreKind.SQLITE, RotationPolicy.ROTATE_REUSE_DETECTION,
        "`mailtoken keys rotate` while another process's refresh is out (its rotated answer comes "
            + Bound.seconds(TokenEndpointRows.LATE) + " later)",
        "The refreshing process saves the rotated refresh token after the rotation committed, under the new key"
            + " (it re-reads the key file), so the old key can be retired and the next refresh, which must"
            + " present exactly that rotated token, works.",
        KeyRotationRows::duringRefresh);
    return List.of(authorize, authorize.on(StoreKind.POSTGRESQL), refresh, refresh.on(StoreKind.POSTGRESQL));
  }

  private static RowResult duringAuthorize(Stage stage) throws Exception {
    Limits limits = stage.limits;
    Bound bound = limits.lockWaitBound();
    stage.withAlice();
    String oldKey = currentKey(stage);
    Run rotate;
    Run authorized;
    Duration afterConsent;
    try (CliProcess authorize = stage.start("authorize", "--app", "test", "--account", BOB, "--no-browser",
        "--timeout", "120s")) {
      authorize.go();
      String prefix = stage.provider.authorizationEndpoint().toString();
      String line = authorize.awaitErr(l -> l.strip().startsWith(prefix), Duration.ofSeconds(60));
      rotate = stage.command(bound.limit().multipliedBy(3), "keys", "rotate");
      long consented = System.nanoTime();
      Consent.give(URI.create(line.strip()));
      authorized = authorize.await(bound.limit().multipliedBy(3));
      afterConsent = Duration.ofNanos(System.nanoTime() - consented);
    }
    long requests = stage.tokenRequests();
    return afterRotation(stage, oldKey, bound, rotate, List.of(BOB, ALICE), "authorize (after consent): "
        + Outcome.exit(authorized), slowest(rotate.elapsed(), afterConsent), requests + " (bob's code exchange)");
  }

  private static RowResult duringRefresh(Stage stage) throws Exception {
    Limits limits = stage.limits;
    Bound bound = limits.completionBound();
    stage.withAlice();
    String oldKey = currentKey(stage);
    stage.provider.faults().next(Endpoint.TOKEN, Fault.delay(TokenEndpointRows.LATE));
    Run rotate;
    Run refreshed;
    try (CliProcess token = stage.start("token", ALICE); CliProcess rotation = stage.start("keys", "rotate")) {
      token.go();
      CrashRows.awaitUntil(() -> stage.tokenRequests() >= 1, Duration.ofSeconds(60));
      rotate = rotation.run(bound.limit().multipliedBy(3));
      refreshed = token.await(bound.limit().multipliedBy(3));
    }
    long requests = stage.tokenRequests();
    return afterRotation(stage, oldKey, bound, rotate, List.of(ALICE), "the refresh: " + Outcome.of(refreshed),
        slowest(rotate.elapsed(), refreshed.elapsed()), requests + " (the refresh)");
  }

  /** Retires the old key, then checks every account still refreshes. */
  private static RowResult afterRotation(Stage stage, String oldKey, Bound bound, Run rotate, List<String> accounts,
      String writer, Duration elapsed, String requests) throws Exception {
    Run retire = stage.command(bound.limit().multipliedBy(3), "keys", "retire", oldKey);
    StringBuilder verdict = new StringBuilder();
    boolean lost = !retire.ok();
    for (String account : accounts) {
      Recovery recovery = stage.recover(account);
      lost |= !recovery.live();
      verdict.append(verdict.length() == 0 ? "" : "; ").append(account).append(": ").append(recovery.verdict());
    }
    String outcome = "keys rotate: " + Outcome.exit(rotate) + "; " + writer + "; old key retired: "
        + Outcome.of(retire);
    return new RowResult(outcome, elapsed, bound, requests, lost, verdict.toString(), "`keys status` afterwards: "
        + keys(stage));
  }

  /** "1 key: current, 7 encrypted fields, 3 row MACs". */
  private static String keys(Stage stage) throws Exception {
    JsonNode status = new ObjectMapper().readTree(Stage.require(stage.inProcess("keys", "status", "--json")).out());
    List<String> keys = new java.util.ArrayList<>();
    for (JsonNode key : status.path("keys")) {
      keys.add((key.path("current").asBoolean() ? "current" : "old") + ", " + key.path("encrypted_fields").asInt()
          + " encrypted fields, " + key.path("row_macs").asInt() + " row MACs");
    }
    return keys.size() + " key" + (keys.size() == 1 ? "" : "s") + ": " + String.join("; ", keys);
  }

  private static String currentKey(Stage stage) throws Exception {
    JsonNode status = new ObjectMapper().readTree(Stage.require(stage.inProcess("keys", "status", "--json")).out());
    for (JsonNode key : status.path("keys")) {
      if (key.path("current").asBoolean()) {
        return key.path("key_id").asText();
      }
    }
    throw new IllegalStateException("keys status names no current key");
  }

  private static Duration slowest(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
