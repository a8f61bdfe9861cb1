package dev.mailtoken.server.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on 127.0.0.1 (the JDK's HTTP server): records every POST with its headers
 * and exact body, and answers the statuses queued with {@link #answer}, then 200.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** One received POST; header names in lower case. */
  public record Received(String path, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private int fallback = 200;

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, String> headers = new java.util.TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
      received.add(new Received(exchange.getRequestURI().getPath(), headers,
          new String(body, StandardCharsets.UTF_8)));
      int status = next();
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  /** The next POSTs get these statuses, in order; later ones get the fallback (200 unless {@link #always}). */
  public synchronized WebhookReceiver answer(Integer... statuses) {
    this.statuses.addAll(List.of(statuses));
    return this;
  }

  /** Every POST after the queued ones gets {@code status}. */
  public synchronized WebhookReceiver always(int status) {
    this.fallback = status;
    return this;
  }

  private synchronized int next() {
    Integer s = statuses.poll();
    return s != null ? s : fallback;
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
