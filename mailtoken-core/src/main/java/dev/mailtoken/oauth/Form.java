package dev.mailtoken.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** An {@code application/x-www-form-urlencoded} body, built in order. Never logged: it holds secrets. */
final class Form {
  private static final Set<String> SECRET_FIELDS =
      Set.of("refresh_token", "client_secret", "code", "code_verifier", "assertion", "token", "client_assertion");

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

  /** The values of the fields that carry secrets (tokens, codes, assertions, the client secret). */
  List<String> secretValues() {
    List<String> values = new ArrayList<>();
    for (String[] f : fields) {
      if (SECRET_FIELDS.contains(f[0])) {
        values.add(f[1]);
      }
    }
    return values;
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
