package dev.mailtoken.server.account;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.Pages;
import dev.mailtoken.server.web.WebSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The account pages of the admin UI (a logged-in session; forms with its CSRF token):
 * {@code GET /admin}, every account with status, app, last and next refresh, access-token expiry
 * and its soonest known death; {@code GET /admin/accounts/{id}}, one account with its forecast and
 * event timeline; {@code POST /admin/accounts/{id}/reconnect} (a connect link for its app and
 * mailbox, shown once), {@code /revoke} and {@code /remove}. Thin: parse, call, render.
 */
final class AccountPageEndpoints implements Endpoints {
  private static final int EVENTS_SHOWN = 100;

  private final Accounts accounts;
  private final AccountSummaries summaries;
  private final ReconnectLinks reconnect;
  private final Pages pages = new Pages();

  AccountPageEndpoints(Accounts accounts, AccountSummaries summaries, ReconnectLinks reconnect) {
    this.accounts = accounts;
    this.summaries = summaries;
    this.reconnect = reconnect;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.get("/admin", ctx -> {
      WebSession session = access.requireLogin(ctx);
      render(ctx, "admin/accounts.jte", Map.of("accounts", summaries.all(), "csrf", session.csrfToken(),
          "notice", notice(ctx)));
    });
    routes.get("/admin/accounts/{id}", ctx -> {
      WebSession session = access.requireLogin(ctx);
      accountPage(ctx, session, Map.of());
    });
    routes.post("/admin/accounts/{id}/reconnect", ctx -> {
      WebSession session = access.requireForm(ctx);
      AccountSummary a = summaries.one(id(ctx));
      Secret url = reconnect.create(a.account().app(), a.account().id(), session.principal().id());
      accountPage(ctx, session, Map.of("reconnectUrl", url.reveal()));
    });
    routes.post("/admin/accounts/{id}/revoke", ctx -> {
      WebSession session = access.requireForm(ctx);
      Removal r = accounts.revoke(id(ctx), session.principal().id());
      accountPage(ctx, session, Map.of("notice", r.message()));
    });
    routes.post("/admin/accounts/{id}/remove", ctx -> {
      WebSession session = access.requireForm(ctx);
      Removal r = accounts.remove(id(ctx), session.principal().id());
      ctx.redirect("/admin?removed=" + URLEncoder.encode(r.account(), StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    });
  }

  private void accountPage(Context ctx, WebSession session, Map<String, String> extra) throws MailtokenException {
    String id = id(ctx);
    Map<String, Object> model = new HashMap<>();
    model.put("summary", summaries.one(id));
    model.put("events", accounts.events(id, EVENTS_SHOWN));
    model.put("csrf", session.csrfToken());
    model.put("notice", extra.getOrDefault("notice", ""));
    model.put("reconnectUrl", extra.getOrDefault("reconnectUrl", ""));
    render(ctx, "admin/account.jte", model);
  }

  private void render(Context ctx, String template, Map<String, Object> model) {
    ctx.header("Cache-Control", "no-store");
    pages.render(ctx, template, model);
  }

  /** The notice after a redirect: which account was removed (shown as text, escaped). */
  private static String notice(Context ctx) {
    String removed = ctx.queryParam("removed");
    return removed == null || removed.length() > 320 ? "" : removed + " was removed.";
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }
}
