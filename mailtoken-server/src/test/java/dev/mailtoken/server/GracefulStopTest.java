package dev.mailtoken.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stop()} lets what is running finish: a request in flight gets its answer, a refresh in
 * flight is committed to the store, and no new connection is accepted meanwhile. The provider is
 * the emulator with an injected delay on its token endpoint.
 */
class GracefulStopTest {
  private static final String ALICE = "alice@example.com";
  private static final Duration SLOW = Duration.ofSeconds(2);

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  ServerFixture fixture;
  ProviderEmulator emulator;

  @BeforeEach
  void start() {
    fixture = new ServerFixture(dir);
    emulator = fixture.emulator();
    logs.forbidAll(emulator::issuedSecrets);
    logs.forbid(ServerFixture.CLIENT_SECRET);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static ServerConfig config() {
    return ServerConfig.builder().set(ConfigKey.SHUTDOWN_TIMEOUT, "20s").build();
  }

  @Test
  void givenATokenHandOutWaitingOnASlowProvider_whenTheServerStops_thenItIsAnsweredAndNewRequestsAreRefused()
      throws Exception {
    fixture.addAccount(fixture.store(), ALICE, Duration.ofMinutes(30));
    MailtokenServer server = fixture.start(config());
    String admin = server.firstAdminToken().orElseThrow().value().reveal();
    logs.forbid(admin);
    URI url = server.url();
    Http http = new Http(url);
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(SLOW));
    fixture.clock.advance(Duration.ofMinutes(1));
    CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
        () -> http.get("/v1/accounts/" + ALICE + "/token?minValidity=1800", admin));
    await().atMost(Duration.ofSeconds(20)).until(() -> emulator.requestCount(Endpoint.TOKEN) == 1);

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
    await().atMost(Duration.ofSeconds(10)).until(() -> refused(url.resolve("/health/live")));

    HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(emulator.introspect(Http.json(answer).get("accessToken").asText())).isPresent();
    stopping.get(30, TimeUnit.SECONDS);
    assertThatThrownBy(() -> fresh().send(HttpRequest.newBuilder(url.resolve("/health/live")).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
  }

  @Test
  void givenAProactiveRefreshWaitingOnASlowProvider_whenTheServerStops_thenStopWaitsAndTheNewTokenIsStored()
      throws Exception {
    CredentialStore store = fixture.store();
    fixture.addAccount(store, ALICE, Duration.ofMinutes(7));
    HandScheduler scheduler = new HandScheduler(fixture.clock);
    MailtokenServer server = fixture.start(config(), Optional.of(scheduler));
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(SLOW));
    fixture.clock.advance(Duration.ofMinutes(2));   // past expiry - 5 min refresh margin - jitter
    assertThat(scheduler.runDue()).isEqualTo(2);   // the proactive refresh, and the webhook worker's first pass
    await().atMost(Duration.ofSeconds(20)).until(() -> emulator.requestCount(Endpoint.TOKEN) == 1);

    server.stop();

    AccessToken stored = store.cachedAccessToken(ALICE, Duration.ZERO).orElseThrow();
    assertThat(emulator.introspect(stored.value().reveal())).isPresent();
  }

  private static boolean refused(URI uri) {
    try {
      fresh().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return false;
    } catch (IOException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A client with no pooled connection, so each request opens a new one. */
  private static HttpClient fresh() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }
}
