package dev.mailtoken.server.connect;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The return-URL allow-list ({@code connect.return-urls}). A URL is allowed when its scheme, host
 * and port equal those of an entry and its path is the entry's path or lies under it (segment by
 * segment: {@code /app} allows {@code /app} and {@code /app/x}, not {@code /apple}). Components are
 * compared parsed, so {@code https://app.example.com.evil.test} never passes for
 * {@code https://app.example.com}. Immutable and thread-safe.
 */
final class ReturnUrls {
  private final List<URI> allowed;

  ReturnUrls(List<URI> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  boolean isEmpty() {
    return allowed.isEmpty();
  }

  boolean allows(URI candidate) {
    return allowed.stream().anyMatch(a -> matches(a, candidate));
  }

  private static boolean matches(URI allowed, URI candidate) {
    if (candidate.getHost() == null || candidate.getRawUserInfo() != null) {
      return false;
    }
    String scheme = allowed.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals(String.valueOf(candidate.getScheme()).toLowerCase(Locale.ROOT))
        || !allowed.getHost().equalsIgnoreCase(candidate.getHost())
        || port(allowed, scheme) != port(candidate, scheme)) {
      return false;
    }
    String base = allowed.getRawPath() == null || allowed.getRawPath().isEmpty() ? "/" : allowed.getRawPath();
    String path = candidate.getRawPath() == null || candidate.getRawPath().isEmpty() ? "/" : candidate.getRawPath();
    if (path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
      return false;
    }
    return path.equals(base) || path.startsWith(base.endsWith("/") ? base : base + "/");
  }

  private static int port(URI u, String scheme) {
    return u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
  }

  /** {@code url} with {@code parameters} appended to its query (encoded). */
  static URI withQuery(String url, Map<String, String> parameters) {
    StringBuilder b = new StringBuilder(url);
    char sep = URI.create(url).getRawQuery() == null ? '?' : '&';
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      b.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return URI.create(b.toString());
  }
}
