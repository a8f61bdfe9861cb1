package dev.mailtoken.testkit;

/**
 * The revocation endpoint. Google: 200 for a live token (its whole grant is revoked, so an
 * access token takes its refresh token with it), 400 {@code invalid_token} for an unknown or
 * already-revoked one. Generic: RFC 7009, 200 always. Microsoft has none (404). Thread-safe.
 */
final class RevokeHandler {
  private final EmulatorSettings settings;
  private final GrantStore grants;
  private final ErrorReplies errors;

  RevokeHandler(EmulatorSettings settings, GrantStore grants, ErrorReplies errors) {
    this.settings = settings;
    this.grants = grants;
    this.errors = errors;
  }

  Reply handle(Request request) {
    if (settings.mode() == EmulatorMode.MICROSOFT) {
      return Reply.text(404, "Not Found");
    }
    String token = request.param("token");
    if (token == null || token.isEmpty()) {
      return errors.reply(Problem.MISSING_PARAMETER, "token");
    }
    boolean revoked = grants.revoke(token);
    if (settings.mode() == EmulatorMode.GOOGLE && !revoked) {
      return errors.custom(400, "invalid_token", "Token expired or revoked");
    }
    return Reply.json(200, "{}");
  }
}
