package dev.mailtoken.server.audit;

import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.ApiException;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.FieldError;
import dev.mailtoken.server.web.Scope;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /v1/audit?limit=&subject=} (scope {@code admin}). */
final class AuditEndpoints implements Endpoints {
  private final AuditLog audit;

  AuditEndpoints(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.get("/v1/audit", ctx -> {
      access.require(ctx, Scope.ADMIN);
      int limit = limit(ctx.queryParam("limit"));
      ctx.json(Map.of("entries", audit.newest(limit, Optional.ofNullable(ctx.queryParam("subject")))));
    });
  }

  private static int limit(String raw) {
    if (raw == null) {
      return 100;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= AuditLog.MAX_PAGE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    String message = "must be a whole number from 1 to " + AuditLog.MAX_PAGE;
    throw ApiException.invalid("The query parameter limit " + message + ".", List.of(new FieldError("limit", message)));
  }
}
