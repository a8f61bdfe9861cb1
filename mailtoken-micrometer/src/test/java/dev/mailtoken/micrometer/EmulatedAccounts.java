package dev.mailtoken.micrometer;

import dev.mailtoken.Secret;
import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.ClientAuthentication;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.RefreshTokenGrant;
import dev.mailtoken.token.TokenListener;
import dev.mailtoken.token.TokenManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider emulator on loopback and a {@link TokenManager} against it with the real OAuth
 * client: a test clock, refreshes and events on the calling thread, background refresh never run
 * (the tests ask for tokens themselves). Close it after the test.
 */
final class EmulatedAccounts implements AutoCloseable {
  static final Instant START = Instant.parse("2031-03-07T10:15:30.123Z");
  static final String CLIENT_ID = "metrics-client-1";
  static final String CLIENT_SECRET = "metrics-client-secret-0042";
  static final String SCOPE = "https://mail.google.com/";

  final TestClock clock = TestClock.at(START);
  final ProviderEmulator emulator;
  final TokenManager manager;
  final List<String> addresses = new ArrayList<>();
  private final App app;

  EmulatedAccounts(EmulatorMode mode, TokenListener listener) {
    emulator = ProviderEmulator.builder().mode(mode).clock(clock).build().start();
    emulator.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET).build());
    OAuthProvider provider = OAuthProvider.builder().name(mode.name().toLowerCase())
        .tokenEndpoint(emulator.tokenEndpoint()).rotatesRefreshTokens(mode == EmulatorMode.MICROSOFT).build();
    app = App.builder().provider(provider).clientId(CLIENT_ID).clientSecret(Secret.of(CLIENT_SECRET))
        .clientAuthentication(ClientAuthentication.CLIENT_SECRET_POST).scopes(SCOPE).build();
    OAuthClient client = OAuthClient.builder().clock(clock).requestTimeout(Duration.ofSeconds(10)).build();
    manager = TokenManager.builder().clock(clock).oauthClient(client)
        .scheduler((task, delay) -> () -> { })
        .executor(Runnable::run).listenerExecutor(Runnable::run)
        .listener(listener).build();
  }

  /** Registers {@code address} with a refresh token the emulator issued for it. */
  String add(String address) {
    Secret rt = Secret.of(emulator.issueRefreshToken(CLIENT_ID, address, List.of(SCOPE)));
    manager.register(new Account(address, new RefreshTokenGrant(app, rt)));
    addresses.add(address);
    return address;
  }

  @Override
  public void close() {
    manager.close();
    emulator.close();
  }
}
