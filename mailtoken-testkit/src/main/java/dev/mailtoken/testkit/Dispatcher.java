package dev.mailtoken.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP handler: parses and records the request, applies an armed {@link Fault}, routes to
 * the endpoint's handler and writes the {@link Reply}. Thread-safe; runs on the server's pool.
 */
final class Dispatcher implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final String TRUNCATED = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"scope\":\"https://ma";

  private final EmulatorSettings settings;
  private final Paths paths;
  private final Faults faults;
  private final RequestLog requestLog;
  private final ErrorReplies errors;
  private final AuthorizeHandler authorize;
  private final TokenHandler token;
  private final RevokeHandler revoke;
  private final MetadataHandler metadata;
  private final SendMailHandler send;
  private final DeviceAuthorizationHandler device;

  Dispatcher(EmulatorSettings settings, Paths paths, Faults faults, RequestLog requestLog, GrantStore grants,
      ApiOutbox outbox) {
    this.settings = settings;
    this.paths = paths;
    this.faults = faults;
    this.requestLog = requestLog;
    this.errors = new ErrorReplies(settings.mode(), settings.clock());
    this.authorize = new AuthorizeHandler(settings, grants, errors);
    this.token = new TokenHandler(settings, paths, grants, errors);
    this.revoke = new RevokeHandler(settings, grants, errors);
    this.metadata = new MetadataHandler(settings, paths, grants);
    this.send = new SendMailHandler(settings, grants, outbox);
    this.device = new DeviceAuthorizationHandler(settings, paths, grants, errors);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = parse(exchange);
      Optional<Fault> fault = faults.take(request.endpoint());
      Fault.SlowDrip drip = null;
      Reply reply;
      if (fault.isPresent() && fault.get() instanceof Fault.ConnectionReset) {
        log.debug("{} {}: fault connectionReset", request.endpoint(), request.method());
        return; // closing the exchange before any header closes the connection
      }
      if (fault.isPresent() && fault.get() instanceof Fault.Delay delay) {
        Thread.sleep(delay.duration().toMillis());
        reply = route(request);
      } else if (fault.isPresent() && fault.get() instanceof Fault.SlowDrip slow) {
        drip = slow;
        reply = route(request);
      } else if (fault.isPresent()) {
        reply = faultReply(request.endpoint(), fault.get());
      } else {
        reply = route(request);
      }
      write(exchange, reply, drip);
      log.debug("{} {} -> {}", request.endpoint(), request.method(), reply.status());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.debug("Client went away: {}", e.toString());
    } catch (RuntimeException e) {
      log.warn("Provider emulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
    }
  }

  private Request parse(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getPath();
    Map<String, String> query = Form.parse(exchange.getRequestURI().getRawQuery());
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    Map<String, String> form = contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
        ? Form.parse(new String(body, StandardCharsets.UTF_8)) : Map.of();
    Paths.Route route = paths.route(path);
    requestLog.record(new RecordedRequest(route.endpoint(), method, path, headers, query, form,
        settings.clock().instant()));
    return new Request(route.endpoint(), route.tenant(), method, path, headers, query, form, body);
  }

  private Reply route(Request request) {
    try {
      return switch (request.endpoint()) {
        case AUTHORIZE -> authorize.handle(request);
        case TOKEN -> token.handle(request);
        case REVOKE -> revoke.handle(request);
        case DISCOVERY -> metadata.discovery(request);
        case DEVICE -> device.handle(request);
        case USERINFO -> metadata.userinfo(request);
        case JWKS -> metadata.jwks();
        case GMAIL_SEND -> send.gmail(request);
        case GRAPH_SEND_MAIL -> send.graph(request);
        case OTHER -> Reply.text(404, "Not Found");
      };
    } catch (Rejection rejection) {
      return rejection.reply();
    }
  }

  private Reply faultReply(Endpoint endpoint, Fault fault) {
    if (fault instanceof Fault.Status status) {
      return status.body().startsWith("{") ? Reply.json(status.status(), status.body())
          : Reply.text(status.status(), status.body());
    }
    if (fault instanceof Fault.TooManyRequests tooMany && SendMailHandler.serves(endpoint)) {
      return send.tooManyRequests(endpoint).withHeader("Retry-After", tooMany.retryAfter());
    }
    if (fault instanceof Fault.TooManyRequests tooMany) {
      return errors.custom(429, "temporarily_unavailable", "Too many requests; retry later.")
          .withHeader("Retry-After", tooMany.retryAfter());
    }
    if (fault instanceof Fault.Html html) {
      return Reply.html(html.status(), html.status() + " Service Unavailable",
          "The server is temporarily unable to service your request.");
    }
    if (fault instanceof Fault.TruncatedJson) {
      return Reply.json(200, TRUNCATED);
    }
    if (fault instanceof Fault.OAuthError oauth) {
      return errors.custom(oauth.status(), oauth.error(), oauth.description());
    }
    throw new IllegalStateException("unhandled fault " + fault);
  }

  private static void write(HttpExchange exchange, Reply reply, Fault.SlowDrip drip)
      throws IOException, InterruptedException {
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    byte[] body = reply.body();
    if (body.length == 0) {
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    if (drip == null) {
      exchange.sendResponseHeaders(reply.status(), body.length);
      exchange.getResponseBody().write(body);
      return;
    }
    exchange.sendResponseHeaders(reply.status(), body.length);
    OutputStream out = exchange.getResponseBody();
    for (int offset = 0; offset < body.length; offset += drip.bytesPerChunk()) {
      out.write(body, offset, Math.min(drip.bytesPerChunk(), body.length - offset));
      out.flush();
      if (offset + drip.bytesPerChunk() < body.length) {
        Thread.sleep(drip.pause().toMillis());
      }
    }
  }
}
