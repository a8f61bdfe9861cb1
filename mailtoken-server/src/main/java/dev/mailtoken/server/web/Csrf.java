package dev.mailtoken.server.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The CSRF token of a form: SHA-256 of a secret only this browser holds (its session cookie, or
 * before login the login cookie), so a page on another site can neither read nor compute it,
 * while any node can check it without storing anything. Every state-changing form carries it as
 * the hidden field {@link #FIELD}; the JTE tag {@code tag/csrf.jte} writes that field:
 *
 * <pre>{@code
 * <form method="post" action="/admin/apps/x/remove">
 *   @template.tag.csrf(token = csrf)
 *   <button>Remove</button>
 * </form>
 * }</pre>
 *
 * and the handler starts with {@code access.requireForm(ctx)}, which checks it. Stateless.
 */
public final class Csrf {
  /** The form field (and, for scripts, the {@code X-CSRF-Token} header) that carries the token. */
  public static final String FIELD = "csrf";
  static final String HEADER = "X-CSRF-Token";

  private Csrf() {
  }

  /** The token for forms of the browser holding the cookie {@code secret}. */
  public static String tokenFor(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(("mailtoken csrf:" + secret)
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * Checks the request's {@link #FIELD} form field (or {@code X-CSRF-Token} header) against
   * {@code expected}, in constant time.
   *
   * @throws ApiException 403 ({@code /problems/csrf}) when it is missing or wrong
   */
  public static void check(Context ctx, String expected) {
    String presented = ctx.formParam(FIELD);
    if (presented == null) {
      presented = ctx.header(HEADER);
    }
    if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(ProblemType.CSRF, "This form was not sent from a page of this session (its CSRF"
          + " token is missing or wrong); reload the page and send it again.");
    }
  }
}
