package dev.mailtoken.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** Placeholder; replaced by the full dispatcher. */
final class Dispatcher implements HttpHandler {
  Dispatcher(EmulatorSettings settings, Paths paths, Faults faults, RequestLog log, GrantStore grants) {}

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.sendResponseHeaders(501, -1);
    exchange.close();
  }
}
