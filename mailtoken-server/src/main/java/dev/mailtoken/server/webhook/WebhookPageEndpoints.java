package dev.mailtoken.server.webhook;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.Pages;
import dev.mailtoken.server.web.WebSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook pages of the admin UI (a logged-in session; forms with its CSRF token):
 * {@code GET /admin/webhooks} (every webhook and a form to add one), {@code POST /admin/webhooks}
 * (create: the signing secret is shown on the answer page only), {@code GET /admin/webhooks/{id}}
 * (its delivery log) and {@code POST /admin/webhooks/{id}/delete}. URLs are shown without their
 * query, which may carry a receiver's own token.
 */
final class WebhookPageEndpoints implements Endpoints {
  private static final int DELIVERIES_SHOWN = 100;

  private final Webhooks webhooks;
  private final Pages pages = new Pages();

  WebhookPageEndpoints(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.get("/admin/webhooks", ctx -> list(ctx, access.requireLogin(ctx), Map.of()));
    routes.post("/admin/webhooks", ctx -> {
      WebSession session = access.requireForm(ctx);
      try {
        CreatedWebhook created = webhooks.create(request(ctx), session.principal().id());
        list(ctx, session, Map.of("created", created.webhook().safeUrl(), "secret", created.secret().reveal()));
      } catch (IllegalArgumentException e) {
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        list(ctx, session, Map.of("error", e.getMessage()));
      }
    });
    routes.get("/admin/webhooks/{id}", ctx -> {
      WebSession session = access.requireLogin(ctx);
      String id = ctx.pathParam("id");
      Webhook w = webhooks.find(id).orElseThrow(() -> Webhooks.unknown(id));
      render(ctx, "admin/webhook.jte", Map.of("webhook", w, "deliveries", webhooks.deliveries(id, DELIVERIES_SHOWN),
          "csrf", session.csrfToken()));
    });
    routes.post("/admin/webhooks/{id}/delete", ctx -> {
      WebSession session = access.requireForm(ctx);
      Webhook deleted = webhooks.delete(ctx.pathParam("id"), session.principal().id());
      list(ctx, session, Map.of("notice", "The webhook to " + deleted.safeUrl() + " was deleted, with its"
          + " pending deliveries and its log."));
    });
  }

  private static NewWebhook request(Context ctx) {
    List<WebhookEventType> events = ctx.formParams("events").stream().map(e -> WebhookEventType.fromWireName(e)
        .orElseThrow(() -> new IllegalArgumentException("unknown event " + e + "; use: "
            + WebhookEventType.allWireNames()))).toList();
    String description = Objects.requireNonNullElse(ctx.formParam("description"), "").trim();
    return new NewWebhook(Objects.requireNonNullElse(ctx.formParam("url"), "").trim(), events,
        description.isEmpty() ? Optional.empty() : Optional.of(description));
  }

  private void list(Context ctx, WebSession session, Map<String, String> extra) throws MailtokenException {
    Map<String, Object> model = new HashMap<>();
    model.put("webhooks", webhooks.list());
    model.put("events", Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName).toList());
    model.put("csrf", session.csrfToken());
    for (String k : List.of("notice", "error", "created", "secret")) {
      model.put(k, extra.getOrDefault(k, ""));
    }
    render(ctx, "admin/webhooks.jte", model);
  }

  private void render(Context ctx, String template, Map<String, Object> model) {
    ctx.header("Cache-Control", "no-store");
    pages.render(ctx, template, model);
  }
}
