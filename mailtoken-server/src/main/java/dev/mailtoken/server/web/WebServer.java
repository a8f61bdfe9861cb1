package dev.mailtoken.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTP listener: Javalin on Jetty, with the server's JSON settings, the one
 * {@link ErrorMapper}, masked request logs, the body-size limit, health endpoints, optional TLS
 * with a minimum protocol version, and the features' {@link Endpoints}.
 *
 * <p>{@link #start()} binds (port 0: any free port, see {@link #port()}); {@link #stop()} stops
 * accepting connections and lets requests in flight finish for up to the shutdown timeout.
 * Start and stop from one thread; {@link #port()} is safe from any thread once started.
 */
public final class WebServer {
  private final WebSettings settings;
  private final Javalin app;

  /**
   * @param authenticator turns bearer tokens into principals (the API-token feature)
   * @param readiness the conditions of {@code /health/ready}
   * @param endpoints every feature's routes
   */
  public WebServer(WebSettings settings, Authenticator authenticator, List<HealthCheck> readiness,
      List<Endpoints> endpoints) {
    this(settings, authenticator, SessionAuthenticator.NONE, readiness, endpoints);
  }

  /**
   * @param authenticator turns bearer tokens into principals (the API-token feature)
   * @param sessions turns session cookies into logged-in sessions (the login feature)
   * @param readiness the conditions of {@code /health/ready}
   * @param endpoints every feature's routes
   */
  public WebServer(WebSettings settings, Authenticator authenticator, SessionAuthenticator sessions,
      List<HealthCheck> readiness, List<Endpoints> endpoints) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Access access = new Access(authenticator, sessions);
    Pages pages = new Pages();
    List<Endpoints> all = new ArrayList<>();
    all.add(new HealthEndpoints(readiness));
    all.add(new HomeEndpoints(pages));
    all.addAll(endpoints);
    this.app = Javalin.create(config -> configure(config, access, pages, all));
  }

  private void configure(JavalinConfig config, Access access, Pages pages, List<Endpoints> all) {
    ObjectMapper json = Json.mapper();
    ErrorMapper errors = new ErrorMapper(json, pages);
    ClientAddress client = new ClientAddress(settings.trustedProxies());
    config.startup.showJavalinBanner = false;
    config.startup.startupWatcherEnabled = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.jsonMapper(new JavalinJackson(json, false));
    config.http.maxRequestSize = settings.maxBodyBytes();
    config.contextResolver.ip = client::ip;
    config.contextResolver.scheme = client::scheme;
    config.requestLogger.http(new RequestLog());
    config.jetty.host = settings.host();
    config.jetty.port = settings.port();
    config.jetty.modifyServer(server -> {
      server.setStopTimeout(settings.shutdownTimeout().toMillis());
      server.setStopAtShutdown(false);
    });
    config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
    settings.tls().ifPresent(tls -> config.jetty.addConnector((server, http) -> tlsConnector(server, http, tls)));
    config.routes.exception(Exception.class, errors::handle);
    config.routes.exception(HttpResponseException.class, errors::handle);
    config.routes.before(ctx -> {
      long declared = ctx.req().getContentLengthLong();
      if (declared > settings.maxBodyBytes()) {
        throw new ApiException(ProblemType.TOO_LARGE, "The request body has " + declared + " bytes; the server"
            + " accepts at most " + settings.maxBodyBytes() + " (max-body-size).");
      }
    });
    all.forEach(e -> e.addTo(config.routes, access));
  }

  private Connector tlsConnector(Server server, HttpConfiguration http, TlsSettings tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(tls.keyStore());
    ssl.setKeyManagerPassword(new String(tls.keyPassword()));
    ssl.setIncludeProtocols(tls.minimumProtocol().equals("TLSv1.3")
        ? new String[] {"TLSv1.3"} : new String[] {"TLSv1.3", "TLSv1.2"});
    HttpConfiguration https = new HttpConfiguration(http);
    // The certificate need not name the host the client used (loopback tests, proxies): no SNI check.
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
        new HttpConnectionFactory(https));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    return connector;
  }

  /** Binds and starts serving. @throws io.javalin.util.JavalinBindException when the port is taken */
  public WebServer start() {
    app.start();
    return this;
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  /** Every route as {@code METHOD /path} (before/after filters left out): for the API contract test. */
  public java.util.List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> e.endpoint.method.isHttpMethod())
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
        .sorted().toList();
  }

  /** True when the listener uses TLS. */
  public boolean tls() {
    return settings.tls().isPresent();
  }

  /** Stops accepting, lets requests in flight finish (up to the shutdown timeout), then closes. Idempotent. */
  public void stop() {
    app.stop();
  }
}
