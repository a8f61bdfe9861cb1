package dev.mailtoken.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.TransientException;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.ClientAuthentication;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.RefreshTokenGrant;
import dev.mailtoken.token.TokenListener;
import dev.mailtoken.token.TokenManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A TokenManager refreshing against the provider emulator, its events turned into webhooks. */
class TokenEventWebhooksTest {
  private static final String ALICE = "alice@example.com";
  private static final String CLIENT_ID = "hooks-client";
  private static final String CLIENT_SECRET = "hooks-client-secret-8Rw";
  private static final String SCOPE = "https://mail.example.com/send";

  @RegisterExtension
  final LogCapture logs = new LogCapture();

  @TempDir
  Path dir;

  WebhookFixture f;
  Webhooks webhooks;
  ProviderEmulator emulator;
  App app;
  final List<TokenManager> managers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    f = new WebhookFixture(dir);
    webhooks = f.started();
    CreatedWebhook hook = webhooks.create(new NewWebhook(f.receiver.url("/all").toString(),
        List.of(WebhookEventType.values()), Optional.empty()), "test");
    logs.forbid(hook.secret().reveal(), CLIENT_SECRET);
    emulator = ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT).clock(f.server.clock).build().start();
    emulator.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET).build());
    logs.forbidAll(emulator::issuedSecrets);
    OAuthProvider provider = OAuthProvider.builder().name("emulated").tokenEndpoint(emulator.tokenEndpoint())
        .rotatesRefreshTokens(true).build();
    app = App.builder().provider(provider).clientId(CLIENT_ID).clientSecret(Secret.of(CLIENT_SECRET))
        .clientAuthentication(ClientAuthentication.CLIENT_SECRET_POST).scopes(SCOPE).build();
  }

  @AfterEach
  void stop() {
    managers.forEach(TokenManager::close);
    emulator.close();
    f.close();
  }

  private TokenManager manager(TokenListener listener) {
    TokenManager m = TokenManager.builder().clock(f.server.clock)
        .oauthClient(OAuthClient.builder().clock(f.server.clock).build())
        .scheduler((task, delay) -> () -> { }).executor(Runnable::run).listenerExecutor(Runnable::run)
        .listener(listener).build();
    managers.add(m);
    return m;
  }

  /** (Re-)registers Alice with a fresh refresh token, as the server does when it syncs its accounts. */
  private void register(TokenManager m) {
    m.register(new Account(ALICE, new RefreshTokenGrant(app,
        Secret.of(emulator.issueRefreshToken(CLIENT_ID, ALICE, List.of(SCOPE))))));
  }

  private long sent(String type) {
    f.scheduler.runDue();
    return f.receiver.received().stream().filter(r -> r.body().contains("\"type\":\"" + type + "\"")).count();
  }

  private void diesOnce(TokenManager m) {
    emulator.faults().next(Endpoint.TOKEN, Fault.oauthError(400, "invalid_grant", "The grant was revoked."));
    assertThatThrownBy(() -> m.token(ALICE)).isInstanceOf(ReauthorizationRequiredException.class);
  }

  @Test
  void givenADeadGrant_whenTheAccountIsRegisteredAndFoundDeadAgainAndAgain_thenTheEventIsRaisedOnce() {
    TokenManager m = manager(webhooks.tokenListener());
    for (int pass = 0; pass < 3; pass++) {
      register(m);
      diesOnce(m);
    }

    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(3);
    assertThat(sent("account.reauthorization_required")).isEqualTo(1);
    assertThat(f.receiver.received().get(0).body()).contains("\"oauthError\":\"invalid_grant\"")
        .contains("\"error\":\"ReauthorizationRequiredException\"").contains(ALICE);
  }

  @Test
  void givenAnotherNodeOnTheSameDatabase_whenItFindsTheSameDeadGrant_thenItRaisesNothingNew() throws Exception {
    TokenManager here = manager(webhooks.tokenListener());
    TokenManager there = manager(f.webhooks().tokenListener());
    register(here);
    diesOnce(here);
    register(there);
    diesOnce(there);

    assertThat(sent("account.reauthorization_required")).isEqualTo(1);
  }

  @Test
  void givenTheAccountWasConnectedAgain_whenItsGrantDiesAgain_thenTheEventIsRaisedAgain() throws Exception {
    TokenManager m = manager(webhooks.tokenListener());
    register(m);
    diesOnce(m);

    webhooks.accountConnected(ALICE, "crm");
    register(m);
    diesOnce(m);

    assertThat(sent("account.connected")).isEqualTo(1);
    assertThat(sent("account.reauthorization_required")).isEqualTo(2);
  }

  @Test
  void givenTheAccountGotATokenAgain_whenItDiesWithTheSameError_thenTheEventIsRaisedAgain() throws Exception {
    TokenManager m = manager(webhooks.tokenListener());
    register(m);
    diesOnce(m);
    register(m);
    m.token(ALICE);
    f.scheduler.runDue(); // sent now, as the worker would: the clock jumps past the retry TTL next
    f.server.clock.advance(Duration.ofHours(2));

    diesOnce(m);

    assertThat(sent("account.reauthorization_required")).isEqualTo(2);
  }

  @Test
  void givenARotationAndAFailedRefresh_whenTheyHappen_thenTheirEventsArriveWithFingerprintsAndNoSecret()
      throws Exception {
    TokenManager m = manager(webhooks.tokenListener());
    register(m);
    m.token(ALICE);
    f.scheduler.runDue(); // sent now, as the worker would: the clock jumps past the retry TTL next
    f.server.clock.advance(Duration.ofHours(2));
    emulator.faults().next(Endpoint.TOKEN, Fault.status(503, "{\"error\":\"temporarily_unavailable\"}"));
    assertThatThrownBy(() -> m.token(ALICE)).isInstanceOf(TransientException.class);

    assertThat(sent("token.rotated")).isEqualTo(1);
    assertThat(sent("token.refresh_failed")).isEqualTo(1);
    String rotated = f.receiver.received().stream().filter(r -> r.body().contains("token.rotated")).findFirst()
        .orElseThrow().body();
    assertThat(rotated).containsPattern("\"refreshTokenFingerprint\":\"[0-9a-f]{8}\"");
    String failed = f.receiver.received().stream().filter(r -> r.body().contains("token.refresh_failed"))
        .findFirst().orElseThrow().body();
    assertThat(failed).contains("\"nextRetry\":\"").contains("\"error\":\"TransientException\"");
    assertThat(emulator.issuedSecrets()).isNotEmpty();
    for (WebhookReceiver.Received r : f.receiver.received()) {
      emulator.issuedSecrets().forEach(s -> assertThat(r.body()).doesNotContain(s));
      assertThat(r.body()).doesNotContain(CLIENT_SECRET);
    }
  }
}
