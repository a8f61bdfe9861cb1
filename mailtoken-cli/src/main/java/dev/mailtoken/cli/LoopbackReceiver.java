package dev.mailtoken.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mailtoken.Secret;
import dev.mailtoken.internal.DaemonThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The RFC 8252 §7.3 loopback redirect receiver: a JDK {@code HttpServer} bound to 127.0.0.1 only
 * (never a wildcard address), on an ephemeral port unless one is asked for, serving
 * {@code /callback}. Only a callback carrying the {@code state} of the authorization in progress
 * ({@link #expect}) is handed to the waiting command; anything else (no or another {@code state},
 * {@code /favicon.ico}, a scanner, an old tab) gets an error page and is ignored. The browser's
 * request is held open until the command reports the outcome, so the page the user sees says
 * whether the account was really stored.
 *
 * <p>Thread-safe. {@link #close()} stops the server and answers a still-waiting browser.
 */
final class LoopbackReceiver implements AutoCloseable {
  static final String DEFAULT_PATH = "/callback";
  /** How long the browser's request waits for the code exchange before it gets a neutral page. */
  private static final Duration PAGE_WAIT = Duration.ofSeconds(60);

  private final HttpServer server;
  private final ExecutorService executor;
  private final CompletableFuture<URI> callback = new CompletableFuture<>();
  private final CompletableFuture<String> page = new CompletableFuture<>();
  private final CompletableFuture<Void> answered = new CompletableFuture<>();
  private final URI redirectUri;
  private final String path;
  private volatile byte[] expectedState;

  private LoopbackReceiver(HttpServer server, ExecutorService executor, String host, String path) {
    this.server = server;
    this.executor = executor;
    this.path = path;
    this.redirectUri = URI.create("http://" + host + ":" + server.getAddress().getPort() + path);
  }

  /**
   * Starts listening on 127.0.0.1, serving {@code /callback}, redirect URI {@code http://127.0.0.1:PORT/callback}.
   *
   * @param port 0 for an ephemeral port (the default and the RFC's advice)
   * @throws IOException when the port cannot be bound (for example already in use)
   */
  static LoopbackReceiver start(int port) throws IOException {
    return start(port, "127.0.0.1", DEFAULT_PATH);
  }

  /**
   * Starts listening on the loopback interface. The redirect URI names {@code host}: the IP literal
   * RFC 8252 recommends, or {@code localhost} for Microsoft, which ignores the port only for
   * {@code localhost} URIs (the socket is still bound to 127.0.0.1, never to other interfaces).
   *
   * @param host {@code 127.0.0.1}, {@code localhost} or {@code [::1]}
   * @param path the callback path, for example {@code /callback}
   */
  static LoopbackReceiver start(int port, String host, String path) throws IOException {
    InetAddress bind = host.equals("[::1]") ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1");
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    ExecutorService executor = Executors.newCachedThreadPool(DaemonThreads.named("mailtoken-loopback"));
    server.setExecutor(executor);
    LoopbackReceiver receiver = new LoopbackReceiver(server, executor, host, path);
    server.createContext("/", receiver::handle);
    server.start();
    return receiver;
  }

  /** The redirect URI to register with the authorization request: {@code http://127.0.0.1:PORT/callback}. */
  URI redirectUri() {
    return redirectUri;
  }

  /** The {@code state} of the authorization in progress: only a callback carrying it ends the wait. */
  void expect(Secret state) {
    expectedState = state.reveal().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Waits for the browser to come back with the expected state, or for {@code other} (a redirect
   * pasted by the user) to complete, whichever is first.
   *
   * @return the full callback URI, query still percent-encoded
   * @throws TimeoutException when nothing arrived in time
   * @throws ExecutionException when {@code other} failed (its cause says why)
   */
  URI awaitCallback(Duration timeout, CompletableFuture<URI> other)
      throws InterruptedException, TimeoutException, ExecutionException {
    CompletableFuture<Object> first = CompletableFuture.anyOf(callback, other);
    return (URI) first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sets the page the browser gets: success or the error, in plain words. */
  void finish(boolean success, String message) {
    String title = success ? "mailtoken: account connected" : "mailtoken: authorization failed";
    page.complete("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>"
        + "<h1>" + title + "</h1><p>" + escape(message) + "</p><p>You can close this tab and return to the"
        + " terminal.</p></body></html>");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(path) || !"GET".equals(exchange.getRequestMethod())) {
        reply(exchange, 404, "<!doctype html><p>not found</p>");
        return;
      }
      String query = exchange.getRequestURI().getRawQuery();
      if (!carriesExpectedState(query)) {
        reply(exchange, 400, "<!doctype html><html><head><meta charset=\"utf-8\"><title>mailtoken: not this"
            + " authorization</title></head><body><h1>Not the answer mailtoken is waiting for</h1><p>This request"
            + " has no state, or the state of another authorization attempt (an old tab, or an earlier run of"
            + " mailtoken authorize), so it was ignored; mailtoken is still waiting. Finish the consent in the"
            + " tab opened for the run in progress.</p></body></html>");
        return;
      }
      URI received = URI.create(redirectUri + "?" + query);
      if (!callback.complete(received)) {
        reply(exchange, 409, "<!doctype html><p>mailtoken already received an answer for this authorization;"
            + " start again from the terminal.</p>");
        return;
      }
      String body;
      try {
        body = page.get(PAGE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        body = "<!doctype html><p>mailtoken stopped.</p>";
      } catch (ExecutionException | TimeoutException e) {
        body = "<!doctype html><p>mailtoken received the answer; see the terminal for the result.</p>";
      }
      try {
        reply(exchange, 200, body);
      } finally {
        answered.complete(null);
      }
    }
  }

  /** Constant time, like core's own check, so the timing of the answer gives a guesser nothing. */
  private boolean carriesExpectedState(String rawQuery) {
    byte[] expected = expectedState;
    if (expected == null || rawQuery == null) {
      return false;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("state=")) {
        try {
          String state = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
          return MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), expected);
        } catch (IllegalArgumentException e) {
          return false;   // a malformed escape is not our state
        }
      }
    }
    return false;
  }

  private static void reply(HttpExchange exchange, int status, String html) throws IOException {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  @Override
  public void close() {
    page.complete("<!doctype html><p>mailtoken stopped waiting; see the terminal.</p>");
    if (callback.isDone()) {
      // Let the browser receive its result page before the server goes away.
      try {
        answered.get(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // the page is best effort; the terminal has the result
      }
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
