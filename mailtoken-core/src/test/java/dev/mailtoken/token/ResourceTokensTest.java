package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.ClientAuthentication;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.RotationPolicy;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testkit.TokenInfo;
import dev.mailtoken.testsupport.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One authorization, every resource: a Microsoft account consented to Outlook SMTP and Graph gets
 * a token per resource from one refresh token, against the emulator in Microsoft mode (which
 * checks each token's audience and issues one resource per request) with the real OAuthClient.
 */
class ResourceTokensTest {
  private static final String CLIENT_ID = "app-resources-1";
  private static final String CLIENT_SECRET = "s3cret-for-resource-tests";
  private static final String USER = "alice@contoso.com";
  private static final String SMTP = "https://outlook.office.com/SMTP.Send";
  private static final String GRAPH = "https://graph.microsoft.com/Mail.Send";
  private static final List<String> GRAPH_SCOPES = List.of(GRAPH);

  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Harness.START);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final RecordingListener events = new RecordingListener();
  private final List<Secret> saved = new CopyOnWriteArrayList<>();
  private ProviderEmulator emulator;
  private TokenManager manager;

  @AfterEach
  void stop() {
    if (manager != null) {
      manager.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  /** An account consented to {@code consented}, registered with a manager saving rotated refresh tokens. */
  private void start(RotationPolicy rotation, List<String> consented) {
    emulator = ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT).rotation(rotation).clock(clock).build().start();
    emulator.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET).build());
    logs.forbid(CLIENT_SECRET).forbidAll(emulator::issuedSecrets);
    OAuthProvider provider = OAuthProvider.microsoft("common").toBuilder().issuer(emulator.issuer())
        .tokenEndpoint(emulator.tokenEndpoint()).build();
    App app = App.builder().provider(provider).clientId(CLIENT_ID).clientSecret(Secret.of(CLIENT_SECRET))
        .clientAuthentication(ClientAuthentication.CLIENT_SECRET_POST).scopes(List.of(SMTP, "offline_access"))
        .build();
    OAuthClient client = OAuthClient.builder().clock(clock).requestTimeout(Duration.ofSeconds(10)).build();
    manager = TokenManager.builder().clock(clock).scheduler(scheduler).oauthClient(client).listener(events)
        .listenerExecutor(Runnable::run).refreshTokenStore((address, rt) -> saved.add(rt)).build();
    manager.register(new Account(USER, new RefreshTokenGrant(app, emulator.issueRefreshToken(CLIENT_ID, USER,
        consented))));
  }

  private String audience(AccessToken token) {
    return emulator.introspect(token.value().reveal()).map(TokenInfo::audience).orElse("unknown token");
  }

  @Test
  void givenConsentToSmtpAndGraph_whenEachIsAsked_thenEachTokenHasItsResourcesAudience() throws Exception {
    start(RotationPolicy.ROTATE, List.of(SMTP, GRAPH, "offline_access"));

    AccessToken own = manager.token(USER);
    AccessToken graph = manager.token(USER, GRAPH_SCOPES);

    assertThat(audience(own)).isEqualTo("https://outlook.office.com");
    assertThat(audience(graph)).isEqualTo("https://graph.microsoft.com");
    assertThat(manager.token(USER, List.of(GRAPH, GRAPH))).isEqualTo(graph);
    assertThat(manager.token(USER)).isEqualTo(own);
    assertThat(emulator.requestCount(Endpoint.TOKEN)).as("one request per resource, then the cache").isEqualTo(2);
    // An event is published after the caller got its token (on the HTTP client's thread): wait for it.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.of(TokenEvent.Issued.class))
        .extracting(TokenEvent.Issued::scopes).containsExactly(List.of(), GRAPH_SCOPES));
  }

  @Test
  void givenGraphRefreshRotatesTheRefreshToken_whenSmtpIsRefreshedNext_thenItPresentsTheSavedRotatedToken()
      throws Exception {
    start(RotationPolicy.ROTATE_REUSE_DETECTION, List.of(SMTP, GRAPH, "offline_access"));
    manager.token(USER, GRAPH_SCOPES);
    Secret afterGraph = saved.get(saved.size() - 1);

    AccessToken own = manager.token(USER);

    assertThat(audience(own)).isEqualTo("https://outlook.office.com");
    assertThat(saved).hasSize(2);
    assertThat(emulator.requests(Endpoint.TOKEN).get(1).formParams()).containsEntry("refresh_token", afterGraph.reveal());
  }

  @Test
  void givenReuseDetectingProvider_whenBothResourcesAreAskedConcurrently_thenNoRefreshTokenIsPresentedTwice()
      throws Exception {
    start(RotationPolicy.ROTATE_REUSE_DETECTION, List.of(SMTP, GRAPH, "offline_access"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<AccessToken>> asked = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        List<String> scopes = i % 2 == 0 ? List.of() : GRAPH_SCOPES;
        asked.add(pool.submit(() -> {
          go.await();
          return manager.token(USER, scopes);
        }));
      }
      go.countDown();
      for (Future<AccessToken> f : asked) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<String> presented = emulator.requests(Endpoint.TOKEN).stream().map(r -> r.formParams().get("refresh_token"))
        .toList();
    assertThat(presented).as("one request per resource, each with the refresh token current then")
        .hasSize(2).doesNotHaveDuplicates();
    assertThat(events.of(TokenEvent.ReauthorizationRequired.class)).isEmpty();
  }

  @Test
  void givenNoConsentForGraph_whenGraphIsAsked_thenOnlyGraphFailsAndTheOwnTokenKeepsWorking() throws Exception {
    start(RotationPolicy.ROTATE, List.of(SMTP, "offline_access"));

    assertThatThrownBy(() -> manager.token(USER, GRAPH_SCOPES)).isInstanceOf(ReauthorizationRequiredException.class)
        .hasMessageContaining(USER);

    assertThat(audience(manager.token(USER))).isEqualTo("https://outlook.office.com");
    assertThat(manager.status(USER).orElseThrow().health()).isEqualTo(AccountHealth.HEALTHY);
    assertThat(manager.status(USER, GRAPH_SCOPES).orElseThrow().health())
        .isEqualTo(AccountHealth.REAUTHORIZATION_REQUIRED);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        events.of(TokenEvent.ReauthorizationRequired.class)).singleElement()
        .extracting(TokenEvent.ReauthorizationRequired::scopes).isEqualTo(GRAPH_SCOPES));
  }
}
