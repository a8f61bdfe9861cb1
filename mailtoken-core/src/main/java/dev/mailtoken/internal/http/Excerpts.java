package dev.mailtoken.internal.http;

import dev.mailtoken.internal.ServerText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Short, secret-free excerpts of response bodies for error messages. Two layers: every secret the
 * request carried is removed wherever it appears ({@link #withoutSecrets}), then anything that
 * looks like a token is replaced ({@link #of}): JSON/form values of token-ish fields, JWTs,
 * {@code ya29.}/{@code 1//} Google tokens, and long opaque runs of token characters. Whitespace runs
 * become one space and other control characters are escaped ({@link ServerText#printable}). Stateless.
 */
public final class Excerpts {
  private static final int MAX = 200;
  private static final String REDACTED = "<redacted>";
  private static final Pattern FIELD = Pattern.compile(
      "(?i)(\"?(?:access_token|refresh_token|id_token|assertion|client_secret|code|code_verifier|token|password)\"?"
          + "\\s*[:=]\\s*\"?)[^\"&,\\s}]*");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_.-]*");
  private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9._~+/=-]{24,}");

  private Excerpts() {
  }

  /**
   * At most about 200 characters of {@code body}: white space collapsed, token-like values
   * redacted, control characters escaped.
   */
  public static String of(String body) {
    if (body == null || body.isEmpty()) {
      return "";
    }
    String s = body.length() > 4 * MAX ? body.substring(0, 4 * MAX) : body;
    s = FIELD.matcher(s).replaceAll("$1" + REDACTED);
    s = JWT.matcher(s).replaceAll(REDACTED);
    s = OPAQUE.matcher(s).replaceAll(REDACTED);
    s = s.replaceAll("\\s+", " ").trim();
    s = s.length() > MAX ? s.substring(0, MAX) + "…" : s;
    return ServerText.printable(s);
  }

  /** {@link #of} after {@link #withoutSecrets}: the excerpt of a body answering a request that carried {@code secrets}. */
  public static String of(String body, Collection<String> secrets) {
    return of(withoutSecrets(body, secrets));
  }

  /**
   * {@code text} with every occurrence of {@code secrets} (as sent, form-encoded, or JSON-escaped)
   * replaced by {@code <redacted>}: some servers echo a refresh token, client secret or bearer
   * token in their error text, which would otherwise reach exception messages, logs and stored
   * "last error" text. Values under 4 characters are left alone (they would shred ordinary words).
   */
  public static String withoutSecrets(String text, Collection<String> secrets) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String redacted = text;
    for (String secret : secrets) {
      if (secret == null || secret.length() < 4) {
        continue;
      }
      for (String form : List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8), secret.replace("/", "\\/"))) {
        redacted = redacted.replace(form, REDACTED);
      }
    }
    return redacted;
  }
}
