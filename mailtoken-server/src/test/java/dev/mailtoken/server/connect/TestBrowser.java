package dev.mailtoken.server.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript for the HTTP-level tests: keeps cookies, follows redirects between
 * the loopback servers it is told about (the mailtoken server, the provider emulator, an account
 * chooser) and stops when a redirect leaves them (the return URL), submits the pages' forms.
 */
final class TestBrowser {
  private static final Pattern FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">(.*?)</form>",
      Pattern.DOTALL);
  private static final Pattern INPUT = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

  /** A page the browser ended on; {@code leftTo} is where a redirect would have taken it off the known servers. */
  record Page(int status, URI uri, String body, Optional<URI> leftTo) {
    /** The hidden fields of the form that posts {@code app} (or the only form). */
    Map<String, String> form(String app) {
      Matcher f = FORM.matcher(body);
      while (f.find()) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher i = INPUT.matcher(f.group(2));
        while (i.find()) {
          fields.put(i.group(1), i.group(2).replace("&amp;", "&"));
        }
        if (app == null || app.equals(fields.get("app"))) {
          fields.put("(action)", f.group(1));
          return fields;
        }
      }
      throw new AssertionError("no form for app " + app + " on " + uri + ":\n" + body);
    }

    boolean hasForm() {
      return FORM.matcher(body).find();
    }
  }

  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  private final Set<String> known;
  final List<URI> visited = new ArrayList<>();

  /** @param known the loopback servers ({@code host:port}) redirects may go to */
  TestBrowser(Set<String> known) {
    this.known = Set.copyOf(known);
  }

  Page open(String url) {
    return follow(send(HttpRequest.newBuilder(URI.create(url)).GET()));
  }

  /** Submits the form for {@code app} on {@code page}, with {@code extra} fields set or replaced. */
  Page submit(Page page, String app, Map<String, String> extra) {
    Map<String, String> fields = new LinkedHashMap<>(page.form(app));
    URI action = page.uri().resolve(fields.remove("(action)"));
    fields.putAll(extra);
    return post(action, fields);
  }

  Page post(URI action, Map<String, String> fields) {
    String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return follow(send(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  /** Gets without following a redirect: {@code leftTo} is where it points. */
  Page getNoFollow(URI uri) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri).GET());
    return new Page(r.statusCode(), r.uri(), r.body(), r.headers().firstValue("Location").map(l -> r.uri().resolve(l)));
  }

  /** Posts without following the redirect: {@code leftTo} is where it points. */
  Page postNoFollow(URI action, Map<String, String> fields) {
    String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    HttpResponse<String> r = send(HttpRequest.newBuilder(action)
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    return new Page(r.statusCode(), r.uri(), r.body(), r.headers().firstValue("Location").map(l -> r.uri().resolve(l)));
  }

  private Page follow(HttpResponse<String> r) {
    for (int hops = 0; hops < 10; hops++) {
      Optional<String> location = r.headers().firstValue("Location");
      if (r.statusCode() / 100 != 3 || location.isEmpty()) {
        return new Page(r.statusCode(), r.uri(), r.body(), Optional.empty());
      }
      URI next = r.uri().resolve(location.get());
      if (!known.contains(next.getHost() + ":" + next.getPort())) {
        return new Page(r.statusCode(), r.uri(), r.body(), Optional.of(next));
      }
      r = send(HttpRequest.newBuilder(next).GET());
    }
    throw new AssertionError("more than 10 redirects");
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    HttpRequest request = b.timeout(Duration.ofSeconds(30)).build();
    visited.add(request.uri());
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The cookies the browser holds (name → value). */
  Map<String, String> cookies() {
    return cookies.getCookieStore().getCookies().stream().collect(Collectors.toMap(HttpCookie::getName,
        HttpCookie::getValue, (a, b) -> b));
  }

  void forgetCookies() {
    cookies.getCookieStore().removeAll();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
