package dev.mailtoken.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.Secret;
import dev.mailtoken.server.HandScheduler;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.PostgresServer;
import dev.mailtoken.server.ServerConfig;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.server.webhook.WebhookReceiver.Received;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.NewAccount;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accounts feature's recorded events reach webhooks, end to end: real servers, the provider
 * emulator, a loopback receiver. The recorder is the one source, so a dead grant several nodes (or
 * restarts) see is one delivery.
 *
 * <p>"Exactly one" is proven with a marker: each node's event listener runs its events in order,
 * so once a later event of that node (a failed refresh of another account) is recorded, its
 * handling of the dead grant is over, whether it recorded it or found it recorded.
 */
@ExtendWith(PostgresServer.Resolver.class)
class AccountEventWebhooksTest {
  private static final String ALICE = "alice@example.com";
  private static final String BOB = "bob@example.com";
  private static final String CAROL = "carol@example.com";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  final WebhookReceiver receiver = new WebhookReceiver();
  final List<HandScheduler> schedulers = new ArrayList<>();
  ServerFixture fixture;
  ProviderEmulator emulator;
  String admin;

  @AfterEach
  void stop() {
    receiver.close();
    if (fixture != null) {
      fixture.close();
    }
  }

  /** Accounts Alice, Bob and Carol (tokens valid 30 min) on {@code f}, and its first node with a webhook for every event. */
  private MailtokenServer firstNode(ServerFixture f) throws Exception {
    fixture = f;
    emulator = f.emulator();
    logs.forbidAll(emulator::issuedSecrets).forbid(ServerFixture.CLIENT_SECRET);
    CredentialStore setup = f.store();
    for (String account : List.of(ALICE, BOB, CAROL)) {
      f.addAccount(setup, account, Duration.ofMinutes(30));
    }
    MailtokenServer first = node();
    admin = first.firstAdminToken().orElseThrow().value().reveal();
    logs.forbid(admin);
    JsonNode created = Http.json(new Http(first.url()).postJson("/v1/webhooks", admin, "{\"url\":\""
        + receiver.url("/in") + "\",\"events\":[\"account.connected\",\"account.reauthorization_required\","
        + "\"token.refresh_failed\",\"token.rotated\",\"account.removed\"]}"));
    logs.forbid(created.get("secret").asText());
    return first;
  }

  /** Another node on the fixture's database, with a hand-run scheduler of its own. */
  private MailtokenServer node() throws Exception {
    HandScheduler scheduler = new HandScheduler(fixture.clock);
    schedulers.add(scheduler);
    return fixture.start(ServerConfig.defaults(), Optional.of(scheduler));
  }

  /** {@code POST /v1/accounts/{id}/token/renew} rejecting the seeded token: one refresh. */
  private HttpResponse<String> renew(MailtokenServer node, String account) {
    return new Http(node.url()).postJson("/v1/accounts/" + account + "/token/renew", admin,
        "{\"rejectedToken\":\"seeded-" + account + "\"}");
  }

  /** A failed refresh of {@code account} on {@code node}, and waits until its event is recorded. */
  private void marker(MailtokenServer node, String account) {
    emulator.faults().next(Endpoint.TOKEN, Fault.status(503, "{\"error\":\"temporarily_unavailable\"}"));
    assertThat(renew(node, account).statusCode()).isEqualTo(503);
    await().untilAsserted(() -> assertThat(events(node, account)).contains("token.refresh_failed"));
  }

  private String events(MailtokenServer node, String account) {
    return new Http(node.url()).get("/v1/accounts/" + account + "/events", admin).body();
  }

  /** Runs every node's due work until {@code count} deliveries of {@code type} arrived; returns them. */
  private List<Received> delivered(String type, int count) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      schedulers.forEach(HandScheduler::runDue);
      assertThat(ofType(type)).hasSize(count);
    });
    return ofType(type);
  }

  private List<Received> ofType(String type) {
    return receiver.received().stream().filter(r -> r.body().contains("\"type\":\"" + type + "\"")).toList();
  }

  @Test
  void givenTwoNodesOnOnePostgres_whenBothFindTheSameDeadGrantAtOnce_thenOneReauthorizationDelivery(
      PostgresServer postgres) throws Exception {
    MailtokenServer a = firstNode(new ServerFixture(postgres.newDatabase()));
    MailtokenServer b = node();
    emulator.revokeUser(ALICE);

    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (MailtokenServer node : List.of(a, b)) {
      calls.add(CompletableFuture.supplyAsync(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return renew(node, ALICE);
      }));
    }
    go.countDown();
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      assertThat(call.get().statusCode()).as(call.get().body()).isEqualTo(409);
    }
    marker(a, BOB);
    marker(b, CAROL);

    delivered("token.refresh_failed", 2);
    List<Received> dead = delivered("account.reauthorization_required", 1);
    assertThat(dead.get(0).body()).contains(ALICE).contains("\"oauthError\":\"invalid_grant\"")
        .contains("\"error\":\"ReauthorizationRequiredException\"");
    assertThat(Http.json(new Http(a.url()).get("/v1/accounts/" + ALICE + "/events", admin)).get("events"))
        .hasSize(1);
  }

  @Test
  void givenADeadGrantAnnounced_whenTheServerRestartsAndFindsItAgain_thenNoSecondDelivery() throws Exception {
    MailtokenServer first = firstNode(new ServerFixture(dir));
    emulator.revokeUser(ALICE);
    assertThat(renew(first, ALICE).statusCode()).isEqualTo(409);
    delivered("account.reauthorization_required", 1);
    first.stop();

    MailtokenServer second = node();
    assertThat(renew(second, ALICE).statusCode()).isEqualTo(409);
    marker(second, BOB);

    delivered("token.refresh_failed", 1);
    assertThat(ofType("account.reauthorization_required")).hasSize(1);
  }

  @Test
  void givenADeadGrant_whenTheAccountIsReconnectedAndDiesAgain_thenConnectedAndASecondReauthorization()
      throws Exception {
    MailtokenServer server = firstNode(new ServerFixture(dir));
    emulator.revokeUser(ALICE);
    assertThat(renew(server, ALICE).statusCode()).isEqualTo(409);
    delivered("account.reauthorization_required", 1);

    CredentialStore store = fixture.store();
    store.replaceAccount(NewAccount.withRefreshToken(ALICE, ServerFixture.APP,
        Secret.of(emulator.issueRefreshToken(ServerFixture.CLIENT_ID, ALICE, ServerFixture.SCOPES)),
        ServerFixture.SCOPES, Optional.of(AccessToken.of("seeded-" + ALICE, fixture.clock.instant().plusSeconds(1800)))));
    server.accounts().connected(ALICE, true, "test");
    emulator.revokeUser(ALICE);
    assertThat(renew(server, ALICE).statusCode()).isEqualTo(409);

    String connected = delivered("account.connected", 1).get(0).body();
    assertThat(connected).contains("\"app\":\"" + ServerFixture.APP + "\"").contains("\"reconnected\":\"true\"");
    delivered("account.reauthorization_required", 2);
  }

  @Test
  void givenARotationAFailedRefreshAndARemoval_whenDelivered_thenTheyCarryFingerprintRetryAndNoSecret()
      throws Exception {
    ServerFixture f = new ServerFixture(dir).rotatingRefreshTokens();
    MailtokenServer server = firstNode(f);
    assertThat(renew(server, ALICE).statusCode()).isEqualTo(200);
    marker(server, BOB);
    assertThat(new Http(server.url()).delete("/v1/accounts/" + CAROL, admin).statusCode()).isEqualTo(200);

    String rotated = delivered("token.rotated", 1).get(0).body();
    String stored = fixture.store().secrets(ALICE).orElseThrow().refreshToken().orElseThrow().fingerprint();
    assertThat(rotated).contains("\"refreshTokenFingerprint\":\"" + stored + "\"").contains(ALICE);
    assertThat(delivered("token.refresh_failed", 1).get(0).body()).contains("\"nextRetry\":\"")
        .contains("\"error\":\"TransientException\"").contains(BOB);
    assertThat(delivered("account.removed", 1).get(0).body()).contains("\"revokedAtProvider\":\"true\"")
        .contains(CAROL);
    assertThat(events(server, ALICE)).contains("\"refreshTokenFingerprint\":\"" + stored + "\"");
    for (Received r : receiver.received()) {
      emulator.issuedSecrets().forEach(s -> assertThat(r.body()).doesNotContain(s));
      assertThat(r.body()).doesNotContain(ServerFixture.CLIENT_SECRET).doesNotContain(admin);
    }
  }
}
