package dev.mailtoken.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders the server's HTML pages: JTE templates from {@code src/main/jte}, compiled to Java at
 * build time (package {@code dev.mailtoken.server.web.templates}), so no compiler runs at run
 * time. Output is HTML-escaped by default. Thread-safe.
 */
public final class Pages {
  /**
   * The Content-Security-Policy of every page: no script, no plugin, no frame of this page on any
   * site, inline styles and {@code data:} images only. Forms may post to this server (and the
   * connect flow's redirect on to a provider), which {@code default-src} does not govern.
   */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
      + " frame-ancestors 'none'; base-uri 'none'";

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
      Pages.class.getClassLoader(), "dev.mailtoken.server.web.templates");

  /** {@code value} percent-encoded as one path segment of a link (an address, an app name). */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Renders {@code template} (e.g. {@code home.jte}) with {@code model} as the response, text/html
   * (status 200 unless the handler set another), never in a frame and without scripts: with
   * {@code X-Frame-Options: DENY} and {@link #CONTENT_SECURITY_POLICY} (a policy the handler set
   * is kept).
   */
  public void render(Context ctx, String template, Map<String, Object> model) {
    StringOutput out = new StringOutput();
    engine.render(template, model, out);
    // No page of this server may be framed (clickjacking of the admin forms) or run a script.
    ctx.header("X-Frame-Options", "DENY");
    if (ctx.res().getHeader("Content-Security-Policy") == null) {
      ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
    ctx.html(out.toString());
  }
}
