package dev.mailtoken.server.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailtoken.server.web.Access;
import dev.mailtoken.server.web.Endpoints;
import dev.mailtoken.server.web.JsonInput;
import dev.mailtoken.server.web.Principal;
import dev.mailtoken.server.web.Scope;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** The app routes (scope admin): parse, call {@link Apps}, render. */
final class AppEndpoints implements Endpoints {
  private final Apps apps;

  AppEndpoints(Apps apps) {
    this.apps = apps;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    routes.post("/v1/apps", ctx -> {
      Principal p = access.require(ctx, Scope.ADMIN);
      NewApp request = JsonInput.read(ctx, NewApp.class);
      ctx.status(201).json(apps.add(request, p.id()));
    });
    routes.get("/v1/apps", ctx -> {
      access.require(ctx, Scope.ADMIN);
      ctx.json(Map.of("apps", apps.list()));
    });
    routes.get("/v1/apps/{name}", ctx -> {
      access.require(ctx, Scope.ADMIN);
      ctx.json(apps.get(ctx.pathParam("name")));
    });
    routes.patch("/v1/apps/{name}", ctx -> {
      Principal p = access.require(ctx, Scope.ADMIN);
      AppPatch patch = AppPatchReader.read(JsonInput.read(ctx, ObjectNode.class));
      ctx.json(apps.update(ctx.pathParam("name"), patch, p.id()));
    });
    routes.delete("/v1/apps/{name}", ctx -> {
      Principal p = access.require(ctx, Scope.ADMIN);
      apps.remove(ctx.pathParam("name"), p.id());
      ctx.status(204);
    });
  }
}
