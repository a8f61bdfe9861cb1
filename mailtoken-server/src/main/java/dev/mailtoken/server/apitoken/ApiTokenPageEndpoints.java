package dev.mailtoken.server.apitoken;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.Pages;
import dev.mailtoken.server.web.Scope;
import dev.mailtoken.server.web.WebSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The API-token pages of the admin UI (a logged-in session; forms with its CSRF token):
 * {@code GET /admin/api-tokens} (every token, active or not, and a form to create one),
 * {@code POST /admin/api-tokens} (create: the value is shown on the answer page only, never again)
 * and {@code POST /admin/api-tokens/{id}/revoke}.
 */
final class ApiTokenPageEndpoints implements Endpoints {
  private static final int MAX_DAYS = 3650;

  private final ApiTokens tokens;
  private final Clock clock;
  private final Pages pages = new Pages();

  ApiTokenPageEndpoints(ApiTokens tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.get("/admin/api-tokens", ctx -> list(ctx, access.requireLogin(ctx), Map.of()));
    routes.post("/admin/api-tokens", ctx -> {
      WebSession session = access.requireForm(ctx);
      try {
        CreatedApiToken created = tokens.create(request(ctx), session.principal().id());
        list(ctx, session, Map.of("created", created.token().name(), "value", created.value().reveal()));
      } catch (IllegalArgumentException e) {
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        list(ctx, session, Map.of("error", e.getMessage()));
      }
    });
    routes.post("/admin/api-tokens/{id}/revoke", ctx -> {
      WebSession session = access.requireForm(ctx);
      ApiToken revoked = tokens.revoke(ctx.pathParam("id"), session.principal().id());
      list(ctx, session, Map.of("notice", "API token " + revoked.name() + " (" + revoked.id() + ") was revoked."));
    });
  }

  private NewApiToken request(Context ctx) {
    List<Scope> scopes = ctx.formParams("scopes").stream().map(s -> Scope.fromWireName(s).orElseThrow(
        () -> new IllegalArgumentException("unknown scope " + s + "; use: " + Scope.allWireNames()))).toList();
    List<String> accounts = Arrays.stream(Objects.requireNonNullElse(ctx.formParam("accounts"), "").split("[\\s,]+"))
        .filter(a -> !a.isEmpty()).toList();
    String days = Objects.requireNonNullElse(ctx.formParam("expiresInDays"), "").trim();
    Optional<Duration> life = Optional.empty();
    if (!days.isEmpty()) {
      try {
        int n = Integer.parseInt(days);
        if (n < 1 || n > MAX_DAYS) {
          throw new NumberFormatException();
        }
        life = Optional.of(Duration.ofDays(n));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expires in days must be a whole number from 1 to " + MAX_DAYS
            + ", or empty for never");
      }
    }
    return new NewApiToken(Objects.requireNonNullElse(ctx.formParam("name"), "").trim(), scopes, accounts,
        life.map(d -> clock.instant().plus(d)));
  }

  private void list(Context ctx, WebSession session, Map<String, String> extra) throws MailtokenException {
    Map<String, Object> model = new HashMap<>();
    model.put("tokens", tokens.list());
    model.put("now", clock.instant());
    model.put("scopes", Arrays.stream(Scope.values()).map(Scope::wireName).toList());
    model.put("csrf", session.csrfToken());
    for (String k : List.of("notice", "error", "created", "value")) {
      model.put(k, extra.getOrDefault(k, ""));
    }
    ctx.header("Cache-Control", "no-store");
    pages.render(ctx, "admin/apitokens.jte", model);
  }
}
