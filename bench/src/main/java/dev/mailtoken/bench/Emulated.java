package dev.mailtoken.bench;

import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.ClientAuthentication;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.Secret;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A Google-like emulator with one registered app, shared by the benchmarks. */
final class Emulated implements AutoCloseable {
  static final String CLIENT_ID = "bench-client";
  static final String CLIENT_SECRET = "bench-secret";
  static final String USER = "bench@example.com";
  static final String MAIL_SCOPE = "https://mail.google.com/";

  final ProviderEmulator emulator;
  final App app;
  final String refreshToken;

  Emulated(Clock clock) {
    emulator = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).clock(clock).build().start();
    emulator.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET)
        .redirectUris("http://127.0.0.1/callback").build());
    refreshToken = emulator.issueRefreshToken(CLIENT_ID, USER, List.of(MAIL_SCOPE));
    OAuthProvider provider = OAuthProvider.google().toBuilder()
        .tokenEndpoint(emulator.tokenEndpoint())
        .authorizationEndpoint(emulator.authorizationEndpoint())
        .revocationEndpoint(emulator.revocationEndpoint())
        .build();
    app = App.builder()
        .provider(provider)
        .clientId(CLIENT_ID)
        .clientSecret(Secret.of(CLIENT_SECRET))
        .scopes(MAIL_SCOPE)
        .clientAuthentication(ClientAuthentication.CLIENT_SECRET_POST)
        .build();
  }

  OAuthClient client(Clock clock) {
    return OAuthClient.builder().clock(clock).requestTimeout(Duration.ofSeconds(30)).build();
  }

  @Override
  public void close() {
    emulator.close();
  }
}
