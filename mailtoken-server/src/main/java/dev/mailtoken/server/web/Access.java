package dev.mailtoken.server.web;

import dev.mailtoken.MailtokenException;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * The scope check every protected handler starts with: who is calling (a bearer API token), and
 * may they do this. No credentials or a wrong one → 401 with a {@code WWW-Authenticate}
 * challenge; a valid one without the scope or bound to other accounts → 403. Thread-safe.
 */
public final class Access {
  /** Request attribute holding the {@link Principal} once checked (the request log reads it). */
  static final String PRINCIPAL_ATTRIBUTE = "mailtoken.principal";

  private final Authenticator authenticator;

  Access(Authenticator authenticator) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
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
