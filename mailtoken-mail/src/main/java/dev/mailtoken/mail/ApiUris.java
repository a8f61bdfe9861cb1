package dev.mailtoken.mail;

import java.net.URI;

/** Checks an API base URI and joins it (with or without a path or trailing slash) to a relative path. */
final class ApiUris {
  private ApiUris() {
  }

  /** The base URI itself, when it is absolute http(s) with a host. */
  static URI checked(URI base) {
    if (!base.isAbsolute() || base.getHost() == null
        || !("https".equalsIgnoreCase(base.getScheme()) || "http".equalsIgnoreCase(base.getScheme()))) {
      throw new IllegalArgumentException("baseUri must be an absolute http(s) URI with a host, got " + base);
    }
    return base;
  }

  static URI resolve(URI base, String path) {
    String b = base.toString();
    return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
  }
}
