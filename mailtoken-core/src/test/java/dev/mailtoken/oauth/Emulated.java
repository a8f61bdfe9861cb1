package dev.mailtoken.oauth;

import dev.mailtoken.Secret;
import dev.mailtoken.testkit.ClientRegistration;
import dev.mailtoken.testkit.EmulatorMode;
import dev.mailtoken.testkit.ProviderEmulator;
import dev.mailtoken.testkit.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Test fixture: providers and apps pointed at a running provider emulator, and a "browser". */
final class Emulated {
  /** An odd start instant, so nothing depends on round times. */
  static final Instant START = Instant.parse("2031-05-17T09:13:27.123Z");
  static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");
  static final String CLIENT_ID = "app-1";
  static final String CLIENT_SECRET = "cl1ent-s3cret:with+odd/chars%";
  static final String USER = "alice@example.com";
  static final String GOOGLE_MAIL = "https://mail.google.com/";
  static final String MS_SMTP = "https://outlook.office.com/SMTP.Send";

  private Emulated() {
  }

  static ProviderEmulator start(EmulatorMode mode, TestClock clock) {
    ProviderEmulator emulator = ProviderEmulator.builder().mode(mode).clock(clock).build().start();
    emulator.registerClient(ClientRegistration.confidential(CLIENT_ID, CLIENT_SECRET)
        .redirectUri(REDIRECT.toString()).build());
    return emulator;
  }

  /** The real provider of {@code emulator}'s mode, with every endpoint moved to the emulator. */
  static OAuthProvider provider(ProviderEmulator emulator) {
    switch (emulator.mode()) {
      case GOOGLE:
        return OAuthProvider.google().toBuilder().issuer(emulator.issuer())
            .authorizationEndpoint(emulator.authorizationEndpoint()).tokenEndpoint(emulator.tokenEndpoint())
            .revocationEndpoint(emulator.revocationEndpoint()).build();
      case MICROSOFT:
        return OAuthProvider.microsoft("common").toBuilder().issuer(emulator.issuer())
            .authorizationEndpoint(emulator.authorizationEndpoint()).tokenEndpoint(emulator.tokenEndpoint()).build();
      default:
        return OAuthProvider.builder().name("generic").issuer(emulator.issuer())
            .authorizationEndpoint(emulator.authorizationEndpoint()).tokenEndpoint(emulator.tokenEndpoint())
            .revocationEndpoint(emulator.revocationEndpoint()).defaultScopes(List.of("mail.send")).build();
    }
  }

  static App app(ProviderEmulator emulator, ClientAuthentication auth) {
    return App.builder().provider(provider(emulator)).clientId(CLIENT_ID).clientSecret(Secret.of(CLIENT_SECRET))
        .clientAuthentication(auth).redirectUri(REDIRECT).build();
  }

  static App app(ProviderEmulator emulator) {
    return app(emulator, ClientAuthentication.CLIENT_SECRET_POST);
  }

  static OAuthClient client(TestClock clock) {
    return OAuthClient.builder().clock(clock).requestTimeout(Duration.ofSeconds(5)).build();
  }

  /** Opens the authorization URI like a browser would and returns where the provider redirected to. */
  static URI consent(URI authorizationUri) throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(authorizationUri).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 302) {
      throw new AssertionError("expected a redirect from the authorization endpoint, got " + r.statusCode());
    }
    return URI.create(r.headers().firstValue("Location").orElseThrow());
  }
}
