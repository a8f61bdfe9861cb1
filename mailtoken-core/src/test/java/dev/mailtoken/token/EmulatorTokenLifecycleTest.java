package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.ClientAuthentication;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token manager against the provider emulator over real sockets, with the real OAuthClient. */
class EmulatorTokenLifecycleTest {
  private static final String CLIENT_ID = "app-token-1";
  private static final String CLIENT_SECRET = "s3cret-for-token-tests";
  private static final String USER = "alice@example.com";

  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Harness.START);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
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

  private Account start(EmulatorMode mode, List<String> scopes, RefreshTokenStore store) {
    emulator = ProviderEmulator.builder().mode(mode).clock(clock).build().start();
    emulator.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET).build());
    logs.forbid(CLIENT_SECRET).forbidAll(emulator::issuedSecrets);
    OAuthProvider provider = OAuthProvider.builder().name(mode.name().toLowerCase()).tokenEndpoint(emulator.tokenEndpoint())
        .rotatesRefreshTokens(mode == EmulatorMode.MICROSOFT).build();
    App app = App.builder().provider(provider).clientId(CLIENT_ID).clientSecret(Secret.of(CLIENT_SECRET))
        .clientAuthentication(ClientAuthentication.CLIENT_SECRET_POST).scopes(scopes).build();
    OAuthClient client = OAuthClient.builder().clock(clock).requestTimeout(Duration.ofSeconds(10)).build();
    manager = TokenManager.builder().clock(clock).scheduler(scheduler).oauthClient(client)
        .refreshTokenStore(store).build();
    Secret rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, USER, scopes));
    return new Account(USER, new RefreshTokenGrant(app, rt));
  }

  @Test
  void givenTenThousandCallersAtExpiry_whenTheyAskAtOnce_thenExactlyOneTokenRequestIsMade() throws Exception {
    Account account = start(EmulatorMode.GOOGLE, List.of("https://mail.google.com/"), RefreshTokenStore.NONE);
    manager.register(account);
    AccessToken old = manager.token(USER);
    clock.advance(Duration.ofHours(2));
    long before = emulator.requestCount(Endpoint.TOKEN);
    int threads = 200;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<CompletableFuture<AccessToken>>>> submitted = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        submitted.add(pool.submit(() -> {
          go.await();
          List<CompletableFuture<AccessToken>> mine = new ArrayList<>(perThread);
          for (int i = 0; i < perThread; i++) {
            mine.add(manager.tokenAsync(USER));
          }
          return mine;
        }));
      }
      go.countDown();
      List<AccessToken> tokens = new ArrayList<>();
      for (Future<List<CompletableFuture<AccessToken>>> f : submitted) {
        for (CompletableFuture<AccessToken> c : f.get(30, TimeUnit.SECONDS)) {
          tokens.add(c.get(30, TimeUnit.SECONDS));
        }
      }

      assertThat(tokens).hasSize(10_000);
      assertThat(tokens.stream().map(AccessToken::value).distinct()).singleElement().isNotEqualTo(old.value());
      assertThat(emulator.requestCount(Endpoint.TOKEN) - before).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void givenMicrosoftRotation_whenRefreshed_thenTheNewRefreshTokenIsSavedBeforeTheAccessTokenIsUsed() throws Exception {
    List<Secret> saved = new CopyOnWriteArrayList<>();
    List<Integer> handedOutAtSave = new CopyOnWriteArrayList<>();
    List<String> handedOut = new CopyOnWriteArrayList<>();
    Account account = start(EmulatorMode.MICROSOFT, List.of("https://outlook.office.com/SMTP.Send", "offline_access"),
        (address, rt) -> {
          handedOutAtSave.add(handedOut.size());
          saved.add(rt);
        });
    manager.register(account);

    AccessToken first = manager.token(USER);
    handedOut.add(first.value().fingerprint());
    AccessToken second = manager.renew(USER, first);
    handedOut.add(second.value().fingerprint());

    assertThat(handedOutAtSave).as("tokens handed out when each rotated refresh token was saved").containsExactly(0, 1);
    assertThat(saved).hasSize(2).doesNotContain(((RefreshTokenGrant) account.grant()).refreshToken());
    assertThat(second.value()).isNotEqualTo(first.value());
    assertThat(emulator.introspect(second.value().reveal())).isPresent();
  }

  @Test
  void givenRevokedGrant_whenRenewed_thenReauthorizationRequiredAndNoFurtherRequests() throws Exception {
    Account account = start(EmulatorMode.GOOGLE, List.of("https://mail.google.com/"), RefreshTokenStore.NONE);
    manager.register(account);
    AccessToken first = manager.token(USER);
    emulator.revokeUser(USER);

    assertThatThrownBy(() -> manager.renew(USER, first)).isInstanceOf(ReauthorizationRequiredException.class)
        .hasMessageContaining(USER);
    long after = emulator.requestCount(Endpoint.TOKEN);
    assertThatThrownBy(() -> manager.token(USER)).isInstanceOf(ReauthorizationRequiredException.class);

    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(after);
    assertThat(manager.status(USER).orElseThrow().health()).isEqualTo(AccountHealth.REAUTHORIZATION_REQUIRED);
  }
}
