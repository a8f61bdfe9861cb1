package dev.mailtoken.server.metrics;

import dev.mailtoken.internal.http.HttpPolicy;
import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.Scope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/**
 * {@code GET /metrics} (scope metrics, or nothing from loopback when configured) and the
 * counting of every request by method, route template and status, after the response is decided.
 */
final class MetricsEndpoints implements Endpoints {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final ServerMetrics metrics;
  private final boolean openOnLoopback;

  MetricsEndpoints(ServerMetrics metrics, boolean openOnLoopback) {
    this.metrics = metrics;
    this.openOnLoopback = openOnLoopback;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.get("/metrics", ctx -> {
      if (!(openOnLoopback && HttpPolicy.isLoopback(ctx.ip()))) {
        access.require(ctx, Scope.METRICS);
      }
      ctx.header("Cache-Control", "no-store").contentType(PROMETHEUS_TEXT).result(metrics.scrape());
    });
    routes.after(ctx -> metrics.request(ctx.method().name(), route(ctx), ctx.statusCode()));
  }

  /** The matched route's template ({@code /v1/webhooks/{id}}), never the path with its ids; {@code unmatched} for none. */
  private static String route(Context ctx) {
    Endpoint e = ctx.endpoints().matchedHttpEndpoint();
    return e == null ? "unmatched" : e.path;
  }
}
