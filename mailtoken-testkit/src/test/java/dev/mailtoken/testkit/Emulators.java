package dev.mailtoken.testkit;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

/** Shared fixtures: an odd start instant, a registered web client, and the consent dance. */
final class Emulators {
  static final Instant START = Instant.parse("2031-05-17T09:13:27.123Z");
  static final String CLIENT = "web-app";
  static final String SECRET = "s3cret:+/=%";
  static final String REDIRECT = "https://app.example.com/callback";
  static final String GMAIL = "https://mail.google.com/";

  private Emulators() {}

  static ProviderEmulator started(ProviderEmulatorBuilder builder) {
    ProviderEmulator emulator = builder.build().start();
    emulator.registerClient(ClientRegistration.confidential(CLIENT, SECRET).redirectUri(REDIRECT).build());
    return emulator;
  }

  /** Runs an authorization request and returns the raw 302 response. */
  static HttpResponse<String> authorize(Http http, ProviderEmulator emulator, String... extra) {
    StringBuilder query = new StringBuilder(Http.form("client_id", CLIENT, "redirect_uri", REDIRECT,
        "response_type", "code", "state", "st-1"));
    if (extra.length > 0) {
      query.append('&').append(Http.form(extra));
    }
    return http.get(URI.create(emulator.authorizationEndpoint() + "?" + query));
  }

  static String code(Http http, ProviderEmulator emulator, String... extra) {
    Map<String, String> params = Http.redirectParams(authorize(http, emulator, extra));
    return params.get("code");
  }

  static HttpResponse<String> exchange(Http http, ProviderEmulator emulator, String code, String... extra) {
    String[] base = {"grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
        "client_id", CLIENT, "client_secret", SECRET};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return http.post(emulator.tokenEndpoint(), all);
  }

  static HttpResponse<String> refresh(Http http, ProviderEmulator emulator, String refreshToken, String... extra) {
    String[] base = {"grant_type", "refresh_token", "refresh_token", refreshToken,
        "client_id", CLIENT, "client_secret", SECRET};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return http.post(emulator.tokenEndpoint(), all);
  }
}
