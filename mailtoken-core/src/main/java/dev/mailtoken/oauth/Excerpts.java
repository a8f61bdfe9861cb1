package dev.mailtoken.oauth;

import dev.mailtoken.ServerText;
import java.util.regex.Pattern;

/**
 * Short, secret-free excerpts of response bodies for error messages. Anything that looks like a
 * token is replaced: JSON/form values of token-ish fields, JWTs, {@code ya29.}/{@code 1//}
 * Google tokens, and long opaque runs of token characters. Whitespace runs become one space and
 * other control characters are escaped ({@link ServerText#printable}).
 */
final class Excerpts {
  private static final int MAX = 200;
  private static final Pattern FIELD = Pattern.compile(
      "(?i)(\"?(?:access_token|refresh_token|id_token|assertion|client_secret|code|code_verifier|token|password)\"?"
          + "\\s*[:=]\\s*\"?)[^\"&,\\s}]*");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_.-]*");
  private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9._~+/=-]{24,}");

  private Excerpts() {
  }

  static String of(String body) {
    if (body == null || body.isEmpty()) {
      return "";
    }
    String s = body.length() > 4 * MAX ? body.substring(0, 4 * MAX) : body;
    s = FIELD.matcher(s).replaceAll("$1<redacted>");
    s = JWT.matcher(s).replaceAll("<redacted>");
    s = OPAQUE.matcher(s).replaceAll("<redacted>");
    s = s.replaceAll("\\s+", " ").trim();
    s = s.length() > MAX ? s.substring(0, MAX) + "…" : s;
    return ServerText.printable(s);
  }
}
