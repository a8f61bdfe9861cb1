package dev.mailtoken.server.account;

import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.Pages;
import dev.mailtoken.server.web.WebSession;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * {@code GET /admin}: the admin pages' landing page, every account with its app, health and
 * access-token expiry (a logged-in session required; without one, the login page).
 */
final class AccountPageEndpoints implements Endpoints {
  private final Accounts accounts;
  private final Pages pages = new Pages();

  AccountPageEndpoints(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.get("/admin", ctx -> {
      WebSession session = access.requireLogin(ctx);
      ctx.header("Cache-Control", "no-store");
      pages.render(ctx, "admin/accounts.jte", Map.of("accounts", accounts.list(), "csrf", session.csrfToken()));
    });
  }
}
