package dev.mailtoken.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the server's HTML pages: JTE templates from {@code src/main/jte}, compiled to Java at
 * build time (package {@code dev.mailtoken.server.web.templates}), so no compiler runs at run
 * time. Output is HTML-escaped by default. Thread-safe.
 */
public final class Pages {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
      Pages.class.getClassLoader(), "dev.mailtoken.server.web.templates");

  /** Renders {@code template} (e.g. {@code home.jte}) with {@code model} as the response, 200 text/html. */
  public void render(Context ctx, String template, Map<String, Object> model) {
    StringOutput out = new StringOutput();
    engine.render(template, model, out);
    ctx.html(out.toString());
  }
}
