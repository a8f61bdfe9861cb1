package dev.mailtoken.server.webhook;

import dev.mailtoken.server.audit.AuditLog;
import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.ApiException;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.FieldError;
import dev.mailtoken.server.web.JsonInput;
import dev.mailtoken.server.web.Principal;
import dev.mailtoken.server.web.Scope;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Map;

/** The webhook routes (scope admin): parse, call {@link Webhooks}, render. */
final class WebhookEndpoints implements Endpoints {
  /** The creation answer: the webhook and its signing secret, shown this once. */
  record Created(Webhook webhook, String secret) { }

  private final Webhooks webhooks;

  WebhookEndpoints(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.post("/v1/webhooks", ctx -> {
      Principal p = access.require(ctx, Scope.ADMIN);
      NewWebhook request = JsonInput.read(ctx, NewWebhook.class);
      CreatedWebhook created;
      try {
        created = webhooks.create(request, p.id());
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("The body has an invalid field: url: " + e.getMessage() + ".",
            List.of(new FieldError("url", e.getMessage())));
      }
      ctx.status(201).header("Cache-Control", "no-store")
          .json(new Created(created.webhook(), created.secret().reveal()));
    });
    routes.get("/v1/webhooks", ctx -> {
      access.require(ctx, Scope.ADMIN);
      ctx.json(Map.of("webhooks", webhooks.list()));
    });
    routes.get("/v1/webhooks/{id}", ctx -> {
      access.require(ctx, Scope.ADMIN);
      String id = ctx.pathParam("id");
      ctx.json(webhooks.find(id).orElseThrow(() -> ApiException.notFound("No webhook with id " + id + ".")));
    });
    routes.delete("/v1/webhooks/{id}", ctx -> {
      Principal p = access.require(ctx, Scope.ADMIN);
      webhooks.delete(ctx.pathParam("id"), p.id());
      ctx.status(204);
    });
    routes.get("/v1/webhooks/{id}/deliveries", ctx -> {
      access.require(ctx, Scope.ADMIN);
      ctx.json(Map.of("deliveries", webhooks.deliveries(ctx.pathParam("id"), limit(ctx.queryParam("limit")))));
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
