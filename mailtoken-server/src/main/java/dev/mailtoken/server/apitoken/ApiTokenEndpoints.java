package dev.mailtoken.server.apitoken;

import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.ApiException;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.JsonInput;
import dev.mailtoken.server.web.Principal;
import dev.mailtoken.server.web.Scope;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** The API-token routes (scope admin): parse, call {@link ApiTokens}, render. */
final class ApiTokenEndpoints implements Endpoints {
  /** The creation answer: the token's fields plus its value, shown this once. */
  record Created(ApiToken apiToken, String token) { }

  private final ApiTokens tokens;

  ApiTokenEndpoints(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.post("/v1/api-tokens", ctx -> {
      Principal p = access.require(ctx, Scope.ADMIN);
      NewApiToken request = JsonInput.read(ctx, NewApiToken.class);
      CreatedApiToken created = tokens.create(request, p.id());
      ctx.status(201).header("Cache-Control", "no-store")
          .json(new Created(created.token(), created.value().reveal()));
    });
    routes.get("/v1/api-tokens", ctx -> {
      access.require(ctx, Scope.ADMIN);
      ctx.json(Map.of("apiTokens", tokens.list()));
    });
    routes.get("/v1/api-tokens/{id}", ctx -> {
      access.require(ctx, Scope.ADMIN);
      String id = ctx.pathParam("id");
      ctx.json(tokens.find(id).orElseThrow(() -> ApiException.notFound("No API token with id " + id + ".")));
    });
    routes.delete("/v1/api-tokens/{id}", ctx -> {
      Principal p = access.require(ctx, Scope.ADMIN);
      ctx.json(tokens.revoke(ctx.pathParam("id"), p.id()));
    });
  }
}
