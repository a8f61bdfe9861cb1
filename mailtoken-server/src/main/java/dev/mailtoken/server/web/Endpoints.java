package dev.mailtoken.server.web;

import io.javalin.config.RoutesConfig;

/**
 * A feature's HTTP routes. Each feature package implements it in a package-private
 * {@code *Endpoints} class whose handlers parse the request, call the feature's facade and render
 * the result; the facade hands it to {@link WebServer} through {@code endpoints()}.
 */
@FunctionalInterface
public interface Endpoints {
  /** Adds the routes; {@code access} is the scope check the handlers start with. */
  void addTo(RoutesConfig routes, Access access);
}
