package dev.mailtoken.server.web;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: method, path, the query string with every value that could be a
 * secret masked ({@code token}, {@code code}, {@code state}, {@code secret}, {@code password},
 * {@code key}, ...), status, time, client address and the caller's id. Headers and bodies are
 * never logged, so neither is {@code Authorization}. Health probes log at DEBUG, the rest at
 * INFO. Thread-safe.
 */
final class RequestLog implements RequestLogger {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
  private static final Pattern SENSITIVE = Pattern.compile(
      ".*(token|code|state|secret|password|passwd|key|signature|session|csrf|verifier|assertion|auth).*");

  @Override
  public void handle(Context ctx, Float executionTimeMs) {
    Principal p = ctx.attribute(Access.PRINCIPAL_ATTRIBUTE);
    String line = "{} {}{} {} {}ms client={} caller={}";
    Object[] args = {ctx.method().name(), ctx.path(), maskedQuery(ctx.queryString()), ctx.statusCode(),
        Math.round(executionTimeMs), ctx.ip(), p == null ? "-" : p.id()};
    if (ctx.path().startsWith("/health/")) {
      LOG.debug(line, args);
    } else {
      LOG.info(line, args);
    }
  }

  /** The query string with the value of every parameter whose name looks secret replaced by {@code ***}. */
  static String maskedQuery(String query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("?");
    for (String pair : query.split("&")) {
      if (b.length() > 1) {
        b.append('&');
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (eq >= 0 && SENSITIVE.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
        b.append(name).append("=***");
      } else {
        b.append(pair);
      }
    }
    return b.toString();
  }
}
