package dev.mailtoken.server.connect;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.Pages;
import dev.mailtoken.store.StoredApp;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser pages of a connect link, plain HTML forms that work without JavaScript:
 * {@code GET /connect?token=…} (open: sets the link's cookie, then redirects away from the URL
 * holding the secret), {@code GET /connect/{id}} (pick a provider), {@code POST /connect/{id}/start}
 * (off to the provider), {@code GET /connect/callback} (back from it: the return URL or a result
 * page). Every failure is a page with a status that says what happened and what to do.
 */
final class ConnectPageEndpoints implements Endpoints {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectPageEndpoints.class);
  /** No script, no framing, no referrer (the URL that opened a link holds its secret). */

  @FunctionalInterface
  private interface Step {
    void run() throws MailtokenException;
  }

  private final ConnectFlow flow;
  private final ConsentCallback callback;
  private final Pages pages = new Pages();

  ConnectPageEndpoints(ConnectFlow flow, ConsentCallback callback) {
    this.flow = flow;
    this.callback = callback;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.get(ConnectLinks.OPEN_PATH, ctx -> page(ctx, () -> {
      ConnectFlow.Opened opened = flow.open(ctx.queryParam("token"), ctx::cookie);
      if (opened.fresh()) {
        setCookie(ctx, opened.link().link(), opened.session());
      }
      ctx.redirect(ConnectLinks.OPEN_PATH + "/" + opened.link().link().id(), HttpStatus.SEE_OTHER);
    }));
    // Registered before /connect/{id}, which would match it too.
    routes.get(ConnectFlow.CALLBACK_PATH, ctx -> page(ctx, () -> {
      Map<String, String> params = new HashMap<>();
      ctx.queryParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
      AccountWriter.Connected c = callback.handle(params, ctx::cookie);
      if (c.link().link().returnUrl().isPresent()) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("account", c.account());
        q.put("status", c.reconnected() ? "reconnected" : "connected");
        ctx.redirect(ReturnUrls.withQuery(c.link().link().returnUrl().get(), q).toString(), HttpStatus.SEE_OTHER);
        return;
      }
      success(ctx, c.account(), c.app(), c.reconnected());
    }));
    routes.get(ConnectLinks.OPEN_PATH + "/{id}", ctx -> page(ctx, () -> {
      String id = ctx.pathParam("id");
      String cookie = ctx.cookie(BrowserSession.cookieName(id));
      StoredLink proven = flow.proven(id, cookie);
      if (proven.link().status() == ConnectLink.Status.CONNECTED) {
        success(ctx, proven.link().account().orElseThrow(), proven.link().app().orElse(""), false);
        return;
      }
      choose(ctx, flow.session(id, cookie));
    }));
    routes.post(ConnectLinks.OPEN_PATH + "/{id}/start", ctx -> page(ctx, () -> {
      String id = ctx.pathParam("id");
      URI provider = flow.start(id, ctx.cookie(BrowserSession.cookieName(id)), ctx.formParam("form_token"),
          ctx.formParam("app"), "force".equals(ctx.formParam("consent")));
      ctx.redirect(provider.toString(), HttpStatus.SEE_OTHER);
    }));
  }

  private void page(Context ctx, Step step) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Content-Security-Policy", Pages.CONTENT_SECURITY_POLICY);
    try {
      step.run();
    } catch (ConnectFailure f) {
      failure(ctx, f);
    } catch (MailtokenException e) {
      LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
      failure(ctx, new ConnectFailure(503, "unavailable", "Temporarily unavailable", e.getMessage()
          + " Nothing was stored; try again in a moment."));
    } catch (RuntimeException e) {
      String incident = UUID.randomUUID().toString();
      LOG.error("internal error {} on {} {}", incident, ctx.method(), ctx.path(), e);
      failure(ctx, new ConnectFailure(500, "internal", "Something went wrong", "An unexpected error occurred"
          + " (id " + incident + "); it was logged. Nothing was stored."));
    }
  }

  /**
   * The link's browser session. HttpOnly: no script needs it. SameSite=Lax, not Strict: the
   * provider sends the browser back to /connect/callback with a top-level GET from its own site,
   * and a Strict cookie is not sent on such a cross-site navigation, so the callback could not tell
   * which browser it belongs to; Lax still keeps it off cross-site POSTs and subresource requests,
   * which is what the start form relies on (with its form token). Secure when the public URL is
   * https. It lives as long as the link.
   */
  private void setCookie(Context ctx, ConnectLink link, Secret session) {
    long maxAge = Math.max(1, flow.untilExpiry(link).toSeconds());
    boolean secure = flow.callbackUri().getScheme().equals("https");
    ctx.res().addHeader("Set-Cookie", BrowserSession.cookieName(link.id()) + "=" + session.reveal()
        + "; Path=" + ConnectLinks.OPEN_PATH + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : ""));
  }

  private void choose(Context ctx, ConnectFlow.Session s) {
    Map<String, String> buttons = new LinkedHashMap<>();
    for (StoredApp a : s.apps()) {
      String label = WebApps.label(a);
      boolean ambiguous = s.apps().stream().filter(o -> WebApps.label(o).equals(label)).count() > 1;
      buttons.put(a.name(), ambiguous ? label + " (" + a.name() + ")" : label);
    }
    Map<String, Object> model = new HashMap<>();
    model.put("linkId", s.link().link().id());
    model.put("formToken", BrowserSession.formToken(s.session()));
    model.put("expected", s.link().link().expectedMailbox().orElse(null));
    model.put("apps", buttons);
    model.put("fixed", s.link().link().app().isPresent());
    pages.render(ctx, "connect/choose.jte", model);
  }

  private void success(Context ctx, String account, String app, boolean reconnected) {
    Map<String, Object> model = new HashMap<>();
    model.put("account", account);
    model.put("app", app);
    model.put("reconnected", reconnected);
    pages.render(ctx, "connect/connected.jte", model);
  }

  private void failure(Context ctx, ConnectFailure f) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", f.title());
    model.put("message", f.getMessage());
    model.put("details", f.details());
    model.put("linkId", null);
    model.put("formToken", null);
    model.put("app", f.app().orElse(null));
    model.put("force", f.retryOffer() == ConnectFailure.Retry.FORCE_CONSENT);
    model.put("back", null);
    f.link().ifPresent(s -> {
      String cookie = ctx.cookie(BrowserSession.cookieName(s.link().id()));
      if (f.retryOffer() != ConnectFailure.Retry.NONE && BrowserSession.matches(s.sessionHash(), cookie)) {
        model.put("linkId", s.link().id());
        model.put("formToken", BrowserSession.formToken(Secret.of(cookie)));
      }
      s.link().returnUrl().ifPresent(r -> model.put("back", ReturnUrls.withQuery(r, Map.of("error", f.code()))
          .toString()));
    });
    ctx.status(f.status());
    pages.render(ctx, "connect/problem.jte", model);
  }
}
