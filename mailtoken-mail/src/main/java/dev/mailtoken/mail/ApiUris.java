package dev.mailtoken.mail;

import java.net.URI;

/** Joins a base URI (with or without a path or trailing slash) and a relative path. */
final class ApiUris {
  private ApiUris() {
  }

  static URI resolve(URI base, String path) {
    String b = base.toString();
    return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
  }
}
