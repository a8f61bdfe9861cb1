package dev.mailtoken.server.web;

import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready} (every readiness check
 * passes: 200, else 503 naming the failing checks); both open, neither reveals a secret. Also
 * {@code /problems/<slug>}, a short text for each problem type URI, and {@code /v1/openapi.json}.
 */
final class HealthEndpoints implements Endpoints {
  private final List<HealthCheck> checks;

  HealthEndpoints(List<HealthCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    byte[] openapi = openApi();
    routes.get("/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openapi));
    routes.get("/health/live", ctx -> ctx.json(Map.of("status", "up")));
    routes.get("/health/ready", ctx -> {
      Map<String, String> failing = new LinkedHashMap<>();
      for (HealthCheck check : checks) {
        check.problem().ifPresent(p -> failing.put(check.name(), p));
      }
      if (failing.isEmpty()) {
        ctx.json(Map.of("status", "ready"));
      } else {
        ctx.status(503).json(Map.of("status", "not ready", "failing", failing));
      }
    });
    routes.get("/problems/{slug}", ctx -> {
      String slug = ctx.pathParam("slug");
      for (ProblemType type : ProblemType.values()) {
        if (type.slug().equals(slug)) {
          ctx.contentType("text/plain; charset=utf-8").result(type.title() + " (HTTP " + type.status()
              + "). The problem's detail says what happened and what to do; see the mailtoken server README.\n");
          return;
        }
      }
      throw ApiException.notFound("No problem type " + slug + ".");
    });
  }

  /** The hand-written OpenAPI 3.1 document: the API's contract, checked against the routes by a test. */
  static byte[] openApi() {
    try (InputStream in = HealthEndpoints.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the server jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
