package dev.mailtoken.server.connect;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Google's account chooser, on loopback: a person who was sent with {@code login_hint=bob} signs
 * in as someone else. Stands in front of the emulator's authorization endpoint (the app's
 * authorization endpoint points here), replaces {@code login_hint} with the account chosen and
 * redirects to the emulator, which consents as that user.
 */
final class AccountChooser implements AutoCloseable {
  private final HttpServer server;
  private volatile String chosen;

  AccountChooser(URI emulatorAuthorize, String chosen) {
    this.chosen = chosen;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/choose", exchange -> {
      List<String> params = new ArrayList<>();
      String raw = exchange.getRequestURI().getRawQuery();
      for (String pair : raw == null ? new String[0] : raw.split("&")) {
        if (!URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8).equals("login_hint")) {
          params.add(pair);
        }
      }
      params.add("login_hint=" + URLEncoder.encode(this.chosen, StandardCharsets.UTF_8));
      exchange.getResponseHeaders().add("Location", emulatorAuthorize + "?" + String.join("&", params));
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/choose");
  }

  String hostAndPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
