package dev.mailtoken.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.server.Http;
import dev.mailtoken.server.MailtokenServer;
import dev.mailtoken.server.ServerFixture;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testsupport.LogCapture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The account API end to end over HTTP against the provider emulator; no log line holds a secret. */
class AccountApiTest {
  static final String ALICE = "alice@example.com";
  static final String BOB = "bob@example.com";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ServerFixture fixture;
  ProviderEmulator emulator;
  MailtokenServer server;
  Http http;
  String admin;

  @BeforeEach
  void start() throws Exception {
    fixture = new ServerFixture(dir);
    emulator = fixture.emulator();
    logs.forbidAll(emulator::issuedSecrets);
    logs.forbid(ServerFixture.CLIENT_SECRET);
    CredentialStore setup = fixture.store();
    fixture.addAccount(setup, ALICE, Duration.ofMinutes(30));
    fixture.addAccount(setup, BOB, Duration.ofMinutes(30));
    server = fixture.start();
    http = new Http(server.url());
    admin = server.firstAdminToken().orElseThrow().value().reveal();
    logs.forbid(admin);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private String apiToken(String scopes, String accounts) {
    HttpResponse<String> r = http.postJson("/v1/api-tokens", admin, "{\"name\":\"t\",\"scopes\":" + scopes
        + ",\"accounts\":" + accounts + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String value = Http.json(r).get("token").asText();
    logs.forbid(value);
    return value;
  }

  @Test
  void givenAFreshStoredToken_whenHandedOut_thenItIsServedWithoutARefreshAndNotCached() {
    String crm = apiToken("[\"token\"]", "[\"" + ALICE + "\"]");
    HttpResponse<String> r = http.get("/v1/accounts/" + ALICE + "/token", crm);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = Http.json(r);
    assertThat(body.get("accessToken").asText()).isEqualTo("seeded-" + ALICE);
    assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isZero();
  }

  @Test
  void givenMinValidityBeyondTheTokensLife_whenHandedOut_thenOneRefreshGivesALiveToken() {
    String crm = apiToken("[\"token\"]", "[]");
    fixture.clock.advance(Duration.ofMinutes(1));
    HttpResponse<String> r = http.get("/v1/accounts/" + ALICE + "/token?minValidity=1800", crm);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String token = Http.json(r).get("accessToken").asText();
    assertThat(emulator.introspect(token)).isPresent();
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  @Test
  void givenATokenBoundToAlice_whenAskingForBob_then403() {
    String crm = apiToken("[\"token\"]", "[\"" + ALICE + "\"]");
    assertThat(http.get("/v1/accounts/" + BOB + "/token", crm).statusCode()).isEqualTo(403);
  }

  @Test
  void givenATokenWithoutTheTokenScope_whenAskingForAToken_then403() {
    String reader = apiToken("[\"accounts:read\"]", "[]");
    assertThat(http.get("/v1/accounts/" + ALICE + "/token", reader).statusCode()).isEqualTo(403);
  }

  @Test
  void givenABurstOfRejections_whenRenewingConcurrently_thenOneRefreshServesThemAll() throws Exception {
    String crm = apiToken("[\"token\"]", "[]");
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return http.postJson("/v1/accounts/" + ALICE + "/token/renew", crm,
            "{\"rejectedToken\":\"seeded-" + ALICE + "\"}");
      }));
    }
    go.countDown();
    List<String> tokens = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> c : calls) {
      HttpResponse<String> r = c.get();
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      tokens.add(Http.json(r).get("accessToken").asText());
    }
    assertThat(tokens).doesNotContain("seeded-" + ALICE).containsOnly(tokens.get(0));
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  @Test
  void givenARevokedGrant_whenRenewingTwice_then409AndTheEventIsRecordedOnce() {
    String crm = apiToken("[\"token\",\"accounts:read\"]", "[]");
    emulator.revokeUser(ALICE);
    String body = "{\"rejectedToken\":\"seeded-" + ALICE + "\"}";
    HttpResponse<String> first = http.postJson("/v1/accounts/" + ALICE + "/token/renew", crm, body);
    HttpResponse<String> second = http.postJson("/v1/accounts/" + ALICE + "/token/renew", crm, body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(409);
    assertThat(Http.json(first).get("type").asText()).isEqualTo("/problems/reauthorization-required");
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
    org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(
        Http.json(http.get("/v1/accounts/" + ALICE + "/events", crm)).get("events").size()).isEqualTo(1));
    JsonNode account = Http.json(http.get("/v1/accounts/" + ALICE, crm));
    assertThat(account.get("health").asText()).isEqualTo("REAUTHORIZATION_REQUIRED");
  }

  @Test
  void givenAnAccount_whenDeleted_thenRevokedAtTheProviderAndGone() {
    HttpResponse<String> r = http.delete("/v1/accounts/" + ALICE, admin);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(Http.json(r).get("revokedAtProvider").asBoolean()).isTrue();
    assertThat(emulator.requestCount(Endpoint.REVOKE)).isEqualTo(1);
    assertThat(http.get("/v1/accounts/" + ALICE, admin).statusCode()).isEqualTo(404);
    assertThat(http.get("/v1/audit?subject=" + ALICE, admin).body()).contains("account.removed");
  }

  @Test
  void givenAHandOut_whenTheAuditLogIsRead_thenItNamesAccountAndCallerButNoToken() {
    String crm = apiToken("[\"token\"]", "[]");
    http.get("/v1/accounts/" + ALICE + "/token", crm);
    String audit = http.get("/v1/audit?subject=" + ALICE, admin).body();
    assertThat(audit).contains("access_token.handed_out").doesNotContain("seeded-" + ALICE);
  }

  @Test
  void givenAReaderBoundToAlice_whenListing_thenOnlyAliceIsShown() {
    String reader = apiToken("[\"accounts:read\"]", "[\"" + ALICE + "\"]");
    JsonNode list = Http.json(http.get("/v1/accounts", reader)).get("accounts");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("id").asText()).isEqualTo(ALICE);
    assertThat(list.get(0).toString()).doesNotContain("seeded-");
  }

  @Test
  void givenAnUnknownAccountOrBadMinValidity_whenAsked_thenClearProblems() {
    String crm = apiToken("[\"token\"]", "[]");
    assertThat(http.get("/v1/accounts/nobody@example.com/token", crm).statusCode()).isEqualTo(404);
    HttpResponse<String> bad = http.get("/v1/accounts/" + ALICE + "/token?minValidity=forever", crm);
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(Http.json(bad).get("errors").get(0).get("field").asText()).isEqualTo("minValidity");
  }

  @Test
  void givenTheProviderAnswersARefreshWithAnHtmlError_whenHandedOut_then500FailedSayingWhatHappenedNot503() {
    String crm = apiToken("[\"token\"]", "[]");
    fixture.clock.advance(Duration.ofMinutes(1));
    emulator.faults().next(Endpoint.TOKEN, Fault.html(400));
    HttpResponse<String> r = http.get("/v1/accounts/" + ALICE + "/token?minValidity=1800", crm);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
    assertThat(r.headers().firstValue("Retry-After")).isEmpty();
    JsonNode problem = Http.json(r);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/failed");
    assertThat(problem.get("detail").asText()).contains("400").doesNotContain("id ");
  }
}
