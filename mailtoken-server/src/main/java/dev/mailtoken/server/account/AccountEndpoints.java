package dev.mailtoken.server.account;

import dev.mailtoken.Secret;
import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.ApiException;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.FieldError;
import dev.mailtoken.server.web.JsonInput;
import dev.mailtoken.server.web.Principal;
import dev.mailtoken.server.web.Scope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The account routes: parse, check scope and account binding, call {@link Accounts}, render. */
final class AccountEndpoints implements Endpoints {
  /** The body of {@code POST /v1/accounts/{id}/token/renew}. */
  record RenewRequest(String rejectedToken) {
    RenewRequest {
      if (rejectedToken == null || rejectedToken.isBlank() || rejectedToken.length() > 8192) {
        throw new IllegalArgumentException("rejectedToken is required: the access token the mail server refused");
      }
    }
  }

  /** A handed-out token as JSON. */
  record TokenBody(String account, String accessToken, String tokenType, Instant expiresAt, List<String> scopes) { }

  private final Accounts accounts;

  AccountEndpoints(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.get("/v1/accounts", ctx -> {
      Principal p = access.require(ctx, Scope.ACCOUNTS_READ);
      ctx.json(Map.of("accounts", accounts.list().stream().filter(a -> p.mayUse(a.id())).toList()));
    });
    routes.get("/v1/accounts/{id}", ctx -> {
      access.require(ctx, Scope.ACCOUNTS_READ, id(ctx));
      ctx.json(accounts.get(id(ctx)));
    });
    routes.delete("/v1/accounts/{id}", ctx -> {
      Principal p = access.require(ctx, Scope.ADMIN);
      ctx.json(accounts.remove(id(ctx), p.id()));
    });
    routes.get("/v1/accounts/{id}/events", ctx -> {
      access.require(ctx, Scope.ACCOUNTS_READ, id(ctx));
      ctx.json(Map.of("events", accounts.events(id(ctx), limit(ctx))));
    });
    routes.get("/v1/accounts/{id}/token", ctx -> {
      Principal p = access.require(ctx, Scope.TOKEN, id(ctx));
      token(ctx, accounts.token(id(ctx), minValidity(ctx), p.id()));
    });
    routes.post("/v1/accounts/{id}/token/renew", ctx -> {
      Principal p = access.require(ctx, Scope.TOKEN, id(ctx));
      RenewRequest body = JsonInput.read(ctx, RenewRequest.class);
      token(ctx, accounts.renew(id(ctx), Secret.of(body.rejectedToken()), p.id()));
    });
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }

  private static void token(Context ctx, HandedOutToken t) {
    ctx.header("Cache-Control", "no-store").header("Pragma", "no-cache")
        .json(new TokenBody(t.account(), t.accessToken().reveal(), "Bearer", t.expiresAt().orElse(null), t.scopes()));
  }

  private static Duration minValidity(Context ctx) {
    String raw = ctx.queryParam("minValidity");
    if (raw == null) {
      return Duration.ZERO;
    }
    long max = Accounts.MAX_MIN_VALIDITY.toSeconds();
    try {
      long s = Long.parseLong(raw);
      if (s >= 0 && s <= max) {
        return Duration.ofSeconds(s);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    String message = "must be a whole number of seconds from 0 to " + max;
    throw ApiException.invalid("The query parameter minValidity " + message + ".",
        List.of(new FieldError("minValidity", message)));
  }

  private static int limit(Context ctx) {
    String raw = ctx.queryParam("limit");
    if (raw == null) {
      return 100;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.invalid("The query parameter limit must be a whole number from 1 to 1000.",
        List.of(new FieldError("limit", "must be a whole number from 1 to 1000")));
  }
}
