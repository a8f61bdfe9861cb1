package dev.mailtoken.bench.server;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;

/**
 * The baseline of the hand-out benchmark: Javalin on Jetty with the server's listener settings
 * (loopback, no banner, Jackson, the body-size limit, no server version header, the stop
 * timeout) and one route, {@code GET /v1/accounts/{id}/token}, answering a constant JSON body of
 * the size of a real hand-out. No authentication, no token lookup, no audit, no request log.
 */
final class BareJavalin implements AutoCloseable {
  /** As large as a hand-out of a 220-character token: {@code account}, {@code accessToken}, type, expiry, scopes. */
  static final String BODY = "{\"account\":\"user1234@example.com\",\"accessToken\":\"ya29.a0" + "x".repeat(213)
      + "\",\"tokenType\":\"Bearer\",\"expiresAt\":\"2031-05-17T10:13:27.123Z\",\"scopes\":[\"https://mail.google.com/\"]}";

  private final Javalin app;

  BareJavalin(long maxBodyBytes) {
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.startupWatcherEnabled = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.jsonMapper(new JavalinJackson());
      config.http.maxRequestSize = maxBodyBytes;
      config.jetty.host = "127.0.0.1";
      config.jetty.port = 0;
      config.jetty.modifyServer(server -> {
        server.setStopTimeout(10_000);
        server.setStopAtShutdown(false);
      });
      config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
      config.routes.get("/v1/accounts/{id}/token", ctx -> ctx.header("Cache-Control", "no-store")
          .header("Pragma", "no-cache").contentType("application/json").result(BODY));
    });
  }

  BareJavalin start() {
    app.start();
    return this;
  }

  int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
