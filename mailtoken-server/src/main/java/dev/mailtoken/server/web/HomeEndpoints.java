package dev.mailtoken.server.web;

import io.javalin.config.RoutesConfig;
import java.util.Map;

/** {@code GET /}: a page saying what this server is and where its health and API are. */
final class HomeEndpoints implements Endpoints {
  private final Pages pages;

  HomeEndpoints(Pages pages) {
    this.pages = pages;
  }

  @Override
  public void addTo(RoutesConfig routes, Access access) {
    String version = String.valueOf(HomeEndpoints.class.getPackage().getImplementationVersion());
    routes.get("/", ctx -> pages.render(ctx, "home.jte", Map.of("version", version)));
  }
}
