package dev.mailtoken.server;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A person's browser for the admin pages, over real HTTP: java.net.http with a cookie jar
 * (HttpOnly and Secure honoured as a browser does; SameSite is not modelled), redirects not
 * followed so tests see them, HTML forms posted as {@code application/x-www-form-urlencoded}.
 * {@link #logIn} fills in the login form; {@link #csrf} reads a page's CSRF field, as the page's
 * own form would send it.
 */
public final class AdminBrowser {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");

  private final URI base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;

  public AdminBrowser(URI base) {
    this(base, Optional.empty());
  }

  public AdminBrowser(URI base, Optional<SSLContext> trust) {
    this.base = base;
    HttpClient.Builder b = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5));
    trust.ifPresent(b::sslContext);
    this.client = b.build();
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/html").GET());
  }

  /** Posts {@code fields} as a form, exactly as given (no CSRF field added). */
  public HttpResponse<String> post(String path, Map<String, String> fields) {
    String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/html")
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Opens the login page and posts its form with {@code secret}; the answer to the post. */
  public HttpResponse<String> logIn(String secret) {
    return logIn(secret, "/login");
  }

  /** Opens {@code loginPath} (e.g. {@code /login?next=/admin}) and posts its form with {@code secret}. */
  public HttpResponse<String> logIn(String secret, String loginPath) {
    HttpResponse<String> form = get(loginPath);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("csrf", csrf(form));
    Matcher next = Pattern.compile("name=\"next\" value=\"([^\"]*)\"").matcher(form.body());
    fields.put("next", next.find() ? next.group(1) : "");
    fields.put("secret", secret);
    return post("/login", fields);
  }

  /** The CSRF field of a page's forms. */
  public static String csrf(HttpResponse<String> page) {
    Matcher m = CSRF.matcher(page.body());
    if (!m.find()) {
      throw new AssertionError("no CSRF field in " + page.uri() + ": " + page.body());
    }
    return m.group(1);
  }

  /** The cookie {@code name} this browser holds for the server, if any. */
  public Optional<String> cookie(String name) {
    return cookies.getCookieStore().get(base).stream().filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue).findFirst();
  }

  /** Every cookie value this browser holds (for log checks). */
  public java.util.List<String> cookieValues() {
    return cookies.getCookieStore().getCookies().stream().map(HttpCookie::getValue).toList();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
