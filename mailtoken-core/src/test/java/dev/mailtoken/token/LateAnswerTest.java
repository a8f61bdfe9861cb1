package dev.mailtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.ClientAuthentication;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.oauth.OAuthTimeoutException;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.RotationPolicy;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.testsupport.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A refresh whose answer comes after the caller stopped waiting, against a provider that rotates
 * refresh tokens and revokes the whole family when a retired one is presented: the late answer is
 * saved and served, never thrown away (which would make the next refresh kill the grant).
 * Real time, short: the emulator's delay fault is wall-clock.
 */
class LateAnswerTest {
  private static final String CLIENT_ID = "app-late-1";
  private static final String CLIENT_SECRET = "s3cret-for-late-answers";
  private static final String USER = "alice@example.com";
  private static final List<String> SCOPES = List.of("mail.send");

  @RegisterExtension final LogCapture logs = new LogCapture();

  private final TestClock clock = TestClock.at(Harness.START);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final List<Secret> saved = new CopyOnWriteArrayList<>();
  private final CountDownLatch issued = new CountDownLatch(1);
  private ProviderEmulator emulator;
  private TokenManager manager;

  @BeforeEach
  void start() {
    emulator = ProviderEmulator.builder().mode(EmulatorMode.GENERIC).rotation(RotationPolicy.ROTATE_REUSE_DETECTION)
        .clock(clock).build().start();
    emulator.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET).build());
    logs.forbid(CLIENT_SECRET).forbidAll(emulator::issuedSecrets);
    OAuthProvider provider = OAuthProvider.builder().name("rotating").tokenEndpoint(emulator.tokenEndpoint())
        .rotatesRefreshTokens(true).build();
    App app = App.builder().provider(provider).clientId(CLIENT_ID).clientSecret(Secret.of(CLIENT_SECRET))
        .clientAuthentication(ClientAuthentication.CLIENT_SECRET_POST).scopes(SCOPES).build();
    OAuthClient client = OAuthClient.builder().clock(clock).requestTimeout(Duration.ofMillis(300))
        .completionTimeout(Duration.ofSeconds(10)).build();
    manager = TokenManager.builder().clock(clock).scheduler(scheduler).oauthClient(client)
        .listenerExecutor(Runnable::run)
        .listener(e -> {
          if (e instanceof TokenEvent.Issued) {
            issued.countDown();
          }
        })
        .refreshTokenStore((account, rt) -> saved.add(rt)).build();
    manager.register(new Account(USER, new RefreshTokenGrant(app,
        Secret.of(emulator.issueRefreshToken(CLIENT_ID, USER, SCOPES)))));
  }

  @AfterEach
  void stop() {
    manager.close();
    emulator.close();
  }

  @Test
  void givenRotatingProviderAnsweringAfterTheRequestTimeout_whenTokenAsked_thenCallerGetsTransientAndLateTokenIsKept()
      throws Exception {
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(1200)));

    assertThatThrownBy(() -> manager.token(USER)).isInstanceOf(OAuthTimeoutException.class)
        .hasMessageContaining("300 ms").hasMessageContaining("late answer is saved");

    assertThat(issued.await(10, TimeUnit.SECONDS)).as("the late answer was committed").isTrue();
    AccessToken late = manager.token(USER);
    assertThat(saved).hasSize(1);
    assertThat(emulator.introspect(late.value().reveal())).isPresent();
    assertThat(emulator.requestCount(Endpoint.TOKEN)).isEqualTo(1);
  }

  @Test
  void givenLateRotatedTokenKept_whenTheNextRefreshIsDue_thenItUsesTheRotatedTokenAndTheGrantLives() throws Exception {
    emulator.faults().next(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(1200)));
    assertThatThrownBy(() -> manager.token(USER)).isInstanceOf(OAuthTimeoutException.class);
    assertThat(issued.await(10, TimeUnit.SECONDS)).isTrue();
    clock.advance(Duration.ofHours(2));

    AccessToken next = manager.token(USER);

    assertThat(emulator.introspect(next.value().reveal())).isPresent();
    assertThat(manager.status(USER).orElseThrow().health()).isEqualTo(AccountHealth.HEALTHY);
    assertThat(saved).hasSize(2);
  }
}
