package dev.mailtoken.server.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * Sets and clears the server's own cookies: always {@code HttpOnly}, {@code SameSite=Strict} and
 * {@code Path=/}; {@code Secure} when the request came over TLS (directly, or through a trusted
 * proxy that says so). Written as a header by hand, so every attribute is exactly as stated.
 * Stateless.
 */
public final class Cookies {
  private Cookies() {
  }

  /**
   * Sets {@code name} to {@code value}; {@code maxAge} empty: a session cookie, gone when the
   * browser closes. The value must be a cookie-safe token (base64url).
   */
  public static void set(Context ctx, String name, String value, Optional<Duration> maxAge) {
    if (!value.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("a cookie value must be base64url");
    }
    ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict"
        + maxAge.map(a -> "; Max-Age=" + a.toSeconds()).orElse("") + (secure(ctx) ? "; Secure" : ""));
  }

  /** Tells the browser to forget {@code name}. */
  public static void clear(Context ctx, String name) {
    ctx.res().addHeader("Set-Cookie", name + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        + (secure(ctx) ? "; Secure" : ""));
  }

  private static boolean secure(Context ctx) {
    return "https".equals(ctx.scheme());
  }
}
