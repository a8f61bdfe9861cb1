package dev.mailtoken.demo;

import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.AuthorizationCode;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.oauth.PendingAuthorization;
import dev.mailtoken.oauth.Provider;
import dev.mailtoken.oauth.ReauthorizationRequiredException;
import dev.mailtoken.oauth.Secret;
import dev.mailtoken.oauth.TokenResponse;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.TestClock;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.RefreshTokenGrant;
import dev.mailtoken.token.TokenManager;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The README's "run it" command: the whole token lifecycle against the offline Google-like
 * emulator, each step printed (secrets as fingerprints only). Needs no provider account.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  static void run(PrintStream out) throws Exception {
    TestClock clock = TestClock.at(Instant.parse("2031-05-17T09:13:27Z"));
    try (ProviderEmulator google = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).clock(clock).build().start()) {
      out.println("1. started a Google-like provider emulator at " + google.baseUri());
      google.registerClient(ClientRegistration.confidential("demo-app", "demo-secret")
          .redirectUri("http://127.0.0.1:8765/callback").build());
      App app = App.builder()
          .provider(Provider.google().toBuilder()
              .authorizationEndpoint(google.authorizationEndpoint())
              .tokenEndpoint(google.tokenEndpoint())
              .revocationEndpoint(google.revocationEndpoint())
              .build())
          .clientId("demo-app")
          .clientSecret(Secret.of("demo-secret"))
          .redirectUri(URI.create("http://127.0.0.1:8765/callback"))
          .build();
      OAuthClient client = OAuthClient.builder().clock(clock).build();

      PendingAuthorization pending = PendingAuthorization.builder(app).loginHint("alice@example.com").build();
      out.println("2. consent URL (PKCE S256, state, access_type=offline, prompt=consent):");
      out.println("   " + pending.uri());
      HttpResponse<Void> redirect = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(pending.uri()).build(), HttpResponse.BodyHandlers.discarding());
      AuthorizationCode code = pending.validate(URI.create(redirect.headers().firstValue("Location").orElseThrow()));
      TokenResponse tokens = client.exchangeCode(app, code);
      Secret refreshToken = tokens.refreshToken().orElseThrow();
      out.println("3. consent granted; code exchanged; refresh token " + refreshToken + ", scopes " + tokens.scopes());

      try (TokenManager manager = TokenManager.builder()
          .clock(clock)
          .oauthClient(client)
          .listener(event -> out.println("   event: " + event))
          .build()) {
        manager.register(new Account("alice@example.com", new RefreshTokenGrant(app, refreshToken)));
        AccessToken first = manager.token("alice@example.com");
        out.println("4. access token " + first);
        AccessToken cached = manager.token("alice@example.com");
        out.println("5. asked again: same token from cache (" + (cached == first) + "), token requests so far: "
            + google.requestCount(Endpoint.TOKEN));
        clock.advance(Duration.ofMinutes(61));
        AccessToken refreshed = manager.token("alice@example.com");
        out.println("6. 61 minutes later the token had expired; one refresh gave " + refreshed);
        google.revokeUser("alice@example.com");
        clock.advance(Duration.ofHours(2));
        try {
          manager.token("alice@example.com");
        } catch (ReauthorizationRequiredException e) {
          out.println("7. user revoked access at the provider: " + e.getMessage());
        }
        out.println("   account status: " + manager.status("alice@example.com").orElseThrow().health());
      }
    }
    out.println("done: no provider account was needed; secrets were printed only as fingerprints.");
  }
}
