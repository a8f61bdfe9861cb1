package dev.mailtoken.server.app;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.Pages;
import dev.mailtoken.server.web.WebSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * The app pages of the admin UI (a logged-in session; forms with its CSRF token):
 * {@code GET /admin/apps} (the apps and a form to add one), {@code POST /admin/apps} (add),
 * {@code GET|POST /admin/apps/{name}} (edit) and {@code POST /admin/apps/{name}/remove}. The
 * client secret is write-only here too: the pages say whether one is set and take a new one, never
 * show it. A form with a mistake comes back (422) with what was typed, but the secret, and the
 * mistake named.
 */
final class AppPageEndpoints implements Endpoints {
  private final Apps apps;
  private final Pages pages = new Pages();

  AppPageEndpoints(Apps apps) {
    this.apps = apps;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.get("/admin/apps", ctx -> list(ctx, access.requireLogin(ctx), Map.of(), notice(ctx), ""));
    routes.post("/admin/apps", ctx -> {
      WebSession session = access.requireForm(ctx);
      AppForm form = new AppForm(ctx::formParam);
      try {
        AppView added = apps.add(form.toNewApp(), session.principal().id());
        ctx.redirect("/admin/apps?added=" + Pages.segment(added.name()), HttpStatus.SEE_OTHER);
      } catch (IllegalArgumentException e) {
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        list(ctx, session, form.values(), "", e.getMessage());
      }
    });
    routes.get("/admin/apps/{name}", ctx -> {
      WebSession session = access.requireLogin(ctx);
      AppView app = apps.get(ctx.pathParam("name"));
      edit(ctx, session, app, AppForm.valuesOf(app), "", "");
    });
    routes.post("/admin/apps/{name}", ctx -> {
      WebSession session = access.requireForm(ctx);
      AppView app = apps.get(ctx.pathParam("name"));
      AppForm form = new AppForm(ctx::formParam);
      try {
        AppView changed = apps.update(app.name(), form.toPatch(app), session.principal().id());
        edit(ctx, session, changed, AppForm.valuesOf(changed), "Saved.", "");
      } catch (IllegalArgumentException e) {
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        edit(ctx, session, app, form.values(), "", e.getMessage());
      }
    });
    routes.post("/admin/apps/{name}/remove", ctx -> {
      WebSession session = access.requireForm(ctx);
      apps.remove(ctx.pathParam("name"), session.principal().id());
      ctx.redirect("/admin/apps?removed=" + Pages.segment(ctx.pathParam("name")), HttpStatus.SEE_OTHER);
    });
  }

  private void list(Context ctx, WebSession session, Map<String, String> values, String notice, String error)
      throws MailtokenException {
    Map<String, Object> model = new HashMap<>();
    model.put("apps", apps.list());
    model.put("values", values);
    model.put("csrf", session.csrfToken());
    model.put("notice", notice);
    model.put("error", error);
    render(ctx, "admin/apps.jte", model);
  }

  private void edit(Context ctx, WebSession session, AppView app, Map<String, String> values, String notice,
      String error) {
    render(ctx, "admin/app.jte", Map.of("app", app, "values", values, "csrf", session.csrfToken(), "notice", notice,
        "error", error));
  }

  private void render(Context ctx, String template, Map<String, Object> model) {
    ctx.header("Cache-Control", "no-store");
    pages.render(ctx, template, model);
  }

  /** The notice after a redirect: which app was added or removed (text, escaped on the page). */
  private static String notice(Context ctx) {
    String added = ctx.queryParam("added");
    String removed = ctx.queryParam("removed");
    if (added != null && added.length() <= 100) {
      return "App " + added + " was added.";
    }
    return removed != null && removed.length() <= 100 ? "App " + removed + " was removed." : "";
  }
}
