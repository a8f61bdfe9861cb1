package dev.mailtoken.server.connect;

import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.ApiException;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.JsonInput;
import dev.mailtoken.server.web.Principal;
import dev.mailtoken.server.web.ProblemType;
import dev.mailtoken.server.web.Scope;
import io.javalin.config.RoutesConfig;

/**
 * {@code POST /v1/connect-links} and {@code GET /v1/connect-links/{id}} (scope {@code connect}). A
 * token bound to accounts may only make links that expect one of them, and see only those.
 */
final class ConnectApiEndpoints implements Endpoints {
  /** The creation answer: the link's fields plus its URL, shown this once. */
  record Created(ConnectLink connectLink, String url) { }

  private final ConnectLinks links;

  ConnectApiEndpoints(ConnectLinks links) {
    this.links = links;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.post("/v1/connect-links", ctx -> {
      Principal p = access.require(ctx, Scope.CONNECT);
      NewConnectLink request = JsonInput.read(ctx, NewConnectLink.class);
      if (!p.accounts().isEmpty()) {
        if (request.expectedMailbox().isEmpty()) {
          throw new ApiException(ProblemType.FORBIDDEN, "These credentials are bound to accounts "
              + p.accounts().stream().sorted().toList() + ": name one of them as expectedMailbox.");
        }
        access.require(ctx, Scope.CONNECT, request.expectedMailbox().get());
      }
      CreatedConnectLink created = links.create(request, p.id());
      ctx.status(201).header("Cache-Control", "no-store").json(new Created(created.link(), created.url().reveal()));
    });
    routes.get("/v1/connect-links/{id}", ctx -> {
      Principal p = access.require(ctx, Scope.CONNECT);
      String id = ctx.pathParam("id");
      ConnectLink link = links.find(id).filter(l -> p.accounts().isEmpty()
          || l.expectedMailbox().map(p::mayUse).orElse(false))
          .orElseThrow(() -> ApiException.notFound("No connect link with id " + id + "."));
      ctx.json(link);
    });
  }
}
