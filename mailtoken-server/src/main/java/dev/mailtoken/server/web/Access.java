package dev.mailtoken.server.web;

import dev.mailtoken.MailtokenException;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * The check every protected handler starts with: who is calling, and may they do this.
 *
 * <ul>
 *   <li>The API ({@link #require}): a bearer API token. No credentials or a wrong one → 401 with a
 *       {@code WWW-Authenticate} challenge; a valid one without the scope or bound to other
 *       accounts → 403. A session cookie does not count here, so no page of another site can
 *       drive the API with a logged-in admin's browser.
 *   <li>The pages ({@link #requireLogin}, {@link #requireForm}): the session cookie of a login.
 *       Without a live session the browser is sent to {@code /login?next=<path>}; a form without
 *       the session's CSRF token is refused with 403 ({@code /problems/csrf}).
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class Access {
  /** Request attribute holding the {@link Principal} once checked (the request log reads it). */
  static final String PRINCIPAL_ATTRIBUTE = "mailtoken.principal";
  private static final String SESSION_ATTRIBUTE = "mailtoken.session";

  private final Authenticator authenticator;
  private final SessionAuthenticator sessions;

  Access(Authenticator authenticator, SessionAuthenticator sessions) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
  }

  /**
   * The logged-in session of a page request.
   *
   * @throws MailtokenException when the session store cannot be read
   */
  public WebSession requireLogin(Context ctx) throws MailtokenException {
    return session(ctx).orElseThrow(() -> new LoginRequired(ctx.method().name().equals("GET") ? ctx.path() : ""));
  }

  /**
   * The logged-in session of a state-changing form, whose CSRF token ({@link Csrf#FIELD}) must be
   * the session's. Every POST handler of a page starts with this.
   *
   * @throws ApiException 403 ({@code /problems/csrf}) for a missing or wrong token
   */
  public WebSession requireForm(Context ctx) throws MailtokenException {
    WebSession s = requireLogin(ctx);
    Csrf.check(ctx, s.csrfToken());
    return s;
  }

  /** The live session of this request's browser, if it has one (pages that also show without a login). */
  public Optional<WebSession> session(Context ctx) throws MailtokenException {
    WebSession known = ctx.attribute(SESSION_ATTRIBUTE);
    if (known != null) {
      return Optional.of(known);
    }
    String cookie = ctx.cookie(WebSession.COOKIE);
    if (cookie == null || cookie.isBlank() || cookie.length() > 200) {
      return Optional.empty();
    }
    Optional<WebSession> s = sessions.session(cookie);
    s.ifPresent(found -> {
      ctx.attribute(SESSION_ATTRIBUTE, found);
      ctx.attribute(PRINCIPAL_ATTRIBUTE, found.principal());
    });
    return s;
  }

  /**
   * The caller, who must hold {@code scope} (or {@code admin}).
   *
   * @throws ApiException 401 without valid credentials, 403 without the scope
   * @throws MailtokenException when the token store cannot be read
   */
  public Principal require(Context ctx, Scope scope) throws MailtokenException {
    Principal p = principal(ctx);
    if (!p.has(scope)) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"mailtoken\", error=\"insufficient_scope\", scope=\""
          + scope.wireName() + "\"");
      throw new ApiException(ProblemType.FORBIDDEN, "This call needs the scope " + scope.wireName()
          + " (or admin); the credentials used have " + names(p) + ".");
    }
    return p;
  }

  /**
   * The caller, who must hold {@code scope} and may act on {@code account}.
   *
   * @throws ApiException 401, or 403 when the token is bound to other accounts
   */
  public Principal require(Context ctx, Scope scope, String account) throws MailtokenException {
    Principal p = require(ctx, scope);
    if (!p.mayUse(account)) {
      throw new ApiException(ProblemType.FORBIDDEN, "These credentials are bound to other accounts, not "
          + account + ".");
    }
    return p;
  }

  private Principal principal(Context ctx) throws MailtokenException {
    Principal known = ctx.attribute(PRINCIPAL_ATTRIBUTE);
    if (known != null) {
      return known;
    }
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw new ApiException(ProblemType.UNAUTHORIZED, "Send an API token: Authorization: Bearer <token>"
          + " (create one with mailtoken api-tokens create).");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"mailtoken\", error=\"invalid_request\"");
      throw new ApiException(ProblemType.UNAUTHORIZED, "The Authorization header must be \"Bearer <token>\".");
    }
    Optional<Principal> p = authenticator.authenticate(header.substring(7).trim());
    if (p.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"mailtoken\", error=\"invalid_token\"");
      throw new ApiException(ProblemType.UNAUTHORIZED, "The API token is unknown, revoked or expired.");
    }
    ctx.attribute(PRINCIPAL_ATTRIBUTE, p.get());
    return p.get();
  }

  private static String names(Principal p) {
    return p.scopes().isEmpty() ? "no scope" : "scope(s) " + String.join(", ",
        p.scopes().stream().map(Scope::wireName).sorted().toList());
  }
}
