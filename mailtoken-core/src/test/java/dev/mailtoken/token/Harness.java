package dev.mailtoken.token;

import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.ClientAuthentication;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.Secret;
import dev.mailtoken.testkit.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;

/** Wiring shared by the token tests: a TestClock at an odd instant, hand-run scheduler, direct executors. */
final class Harness {
  static final Instant START = Instant.parse("2031-03-07T10:15:30.123Z");
  static final String ACCOUNT = "alice@example.com";
  static final Secret REFRESH_TOKEN = Secret.of("1//refresh-token-original-0001");

  final TestClock clock = TestClock.at(START);
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final RecordingListener events = new RecordingListener();
  final FakeTokenEndpoint endpoint = new FakeTokenEndpoint(clock);

  /** Everything runs on the calling thread; margins 5 min / 30 s, jitter 30 s, seeded randomness. */
  TokenManagerBuilder builder() {
    return builder(Runnable::run, Runnable::run, backoff(42));
  }

  /** {@link #builder()} with refreshes run by {@code refresher}. */
  TokenManagerBuilder builderWithExecutor(Executor refresher) {
    return builder(refresher, Runnable::run, backoff(42));
  }

  /** {@link #builder()} with events delivered by {@code listenerExecutor}. */
  TokenManagerBuilder builderWithListenerExecutor(Executor listenerExecutor) {
    return builder(Runnable::run, listenerExecutor, backoff(42));
  }

  /** {@link #builder()} with another backoff policy. */
  TokenManagerBuilder builderWithBackoff(BackoffPolicy backoff) {
    return builder(Runnable::run, Runnable::run, backoff);
  }

  private TokenManagerBuilder builder(Executor executor, Executor listenerExecutor, BackoffPolicy backoff) {
    return TokenManager.builder()
        .clock(clock)
        .scheduler(scheduler)
        .executor(executor)
        .listenerExecutor(listenerExecutor)
        .listener(events)
        .tokenEndpoint(endpoint)
        .refreshMargin(Duration.ofMinutes(5))
        .expiryMargin(Duration.ofSeconds(30))
        .refreshJitter(Duration.ofSeconds(30))
        .backoff(backoff);
  }

  private static BackoffPolicy backoff(long seed) {
    return new BackoffPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), 0.5, new SplittableRandom(seed));
  }

  static Account refreshAccount() {
    return new Account(ACCOUNT, new RefreshTokenGrant(app(), REFRESH_TOKEN));
  }

  static Account callbackAccount(TokenCallback callback) {
    return new Account(ACCOUNT, new CallbackGrant(callback));
  }

  static App app() {
    OAuthProvider provider = OAuthProvider.builder().name("test").tokenEndpoint(URI.create("http://127.0.0.1:1/token")).build();
    return App.builder().provider(provider).clientId("client-id-123").clientAuthentication(ClientAuthentication.NONE)
        .scopes("https://mail.google.com/")
        .build();
  }
}
