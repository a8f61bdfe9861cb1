package dev.mailtoken.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An {@code application/x-www-form-urlencoded} body, built in order. Never logged: it holds secrets. */
final class Form {
  private final List<String[]> fields = new ArrayList<>();

  Form add(String name, String value) {
    fields.add(new String[] {name, value});
    return this;
  }

  Form addIfNotEmpty(String name, String value) {
    if (value != null && !value.isEmpty()) {
      add(name, value);
    }
    return this;
  }

  String encode() {
    StringBuilder out = new StringBuilder();
    for (String[] f : fields) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(encode(f[0])).append('=').append(encode(f[1]));
    }
    return out.toString();
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
