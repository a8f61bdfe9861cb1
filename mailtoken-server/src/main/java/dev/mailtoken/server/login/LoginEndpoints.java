package dev.mailtoken.server.login;

import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.ApiException;
import dev.mailtoken.server.web.Cookies;
import dev.mailtoken.server.web.Csrf;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.Pages;
import dev.mailtoken.server.web.ProblemType;
import dev.mailtoken.server.web.WebSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The login form and logout: parse, call {@link Logins}, render. The form is protected against
 * cross-site posting like every other form: before a session exists its CSRF token comes from a
 * short-lived login cookie (HttpOnly, SameSite=Strict).
 */
final class LoginEndpoints implements Endpoints {
  private static final String HOME = "/admin";
  private static final Duration LOGIN_COOKIE_LIFE = Duration.ofHours(1);

  private final Logins logins;
  private final Pages pages = new Pages();

  LoginEndpoints(Logins logins) {
    this.logins = logins;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.get("/login", ctx -> {
      String next = next(ctx.queryParam("next"));
      if (access.session(ctx).isPresent()) {
        ctx.redirect(next, HttpStatus.SEE_OTHER);
        return;
      }
      String secret = ctx.cookie(Logins.LOGIN_COOKIE);
      if (secret == null || !secret.matches("[A-Za-z0-9_-]{43}")) {
        secret = logins.newLoginSecret();
        Cookies.set(ctx, Logins.LOGIN_COOKIE, secret, Optional.of(LOGIN_COOKIE_LIFE));
      }
      form(ctx, secret, next, null);
    });
    routes.post("/login", ctx -> {
      String secret = ctx.cookie(Logins.LOGIN_COOKIE);
      if (secret == null) {
        throw new ApiException(ProblemType.CSRF, "The login form has expired, or this browser does not keep"
            + " cookies for this site; open the login page again (and allow cookies for it).");
      }
      Csrf.check(ctx, Csrf.tokenFor(secret));
      String next = next(ctx.formParam("next"));
      LoginOutcome outcome = logins.login(ctx.formParam("secret"), ctx.ip());
      if (outcome instanceof LoginOutcome.Succeeded ok) {
        Cookies.set(ctx, WebSession.COOKIE, ok.cookie().reveal(), Optional.empty());
        Cookies.clear(ctx, Logins.LOGIN_COOKIE);
        ctx.redirect(next, HttpStatus.SEE_OTHER);
      } else if (outcome instanceof LoginOutcome.Throttled t) {
        long minutes = Math.max(1, (t.retryAfter().toSeconds() + 59) / 60);
        ctx.status(429).header("Retry-After", Long.toString(Math.max(1, t.retryAfter().toSeconds())));
        form(ctx, secret, next, "Too many failed logins from your address; try again in " + minutes + " minute"
            + (minutes == 1 ? "" : "s") + ".");
      } else {
        ctx.status(401).header("WWW-Authenticate", "Bearer realm=\"mailtoken\"");
        form(ctx, secret, next, "That is neither the admin password nor an active API token with the admin scope.");
      }
    });
    routes.post("/logout", ctx -> {
      WebSession s = access.requireForm(ctx);
      logins.logout(ctx.cookie(WebSession.COOKIE), s.principal().id());
      Cookies.clear(ctx, WebSession.COOKIE);
      ctx.redirect("/login", HttpStatus.SEE_OTHER);
    });
  }

  private void form(Context ctx, String secret, String next, String error) throws Exception {
    Map<String, Object> model = new HashMap<>();
    model.put("csrf", Csrf.tokenFor(secret));
    model.put("next", next);
    model.put("error", error);
    model.put("passwordSet", logins.passwordSet());
    ctx.header("Cache-Control", "no-store");
    pages.render(ctx, "login.jte", model);
  }

  /** Where to go after the login: a path on this server only (never another site), else the admin home. */
  static String next(String requested) {
    if (requested == null || !requested.matches("/[A-Za-z0-9/_.@%+-]{0,500}") || requested.startsWith("//")) {
      return HOME;
    }
    return requested;
  }
}
