package dev.mailtoken.oauth;

import dev.mailtoken.OAuthError;
import dev.mailtoken.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks a decoded redirect against the pending authorization it should answer. */
final class CallbackValidator {
  private CallbackValidator() {
  }

  static AuthorizationCode validate(PendingAuthorization pending, Map<String, String> params, boolean rtRequired)
      throws AuthorizationException {
    String who = pending.loginHint().map(a -> " for " + a).orElse("");
    String account = pending.loginHint().orElse(null);
    String state = params.get("state");
    // Constant time, so response timing does not reveal how much of a guessed state was right.
    if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
        pending.stateSecret().reveal().getBytes(StandardCharsets.UTF_8))) {
      throw new StateMismatchException("the authorization callback" + who + (state == null ? " has no state"
          : " carries a state that does not match the request") + ": it does not belong to this consent attempt"
          + " (an old browser tab, a second attempt, or a forged request); its code was not used. Start the"
          + " authorization again and finish it in the same browser tab");
    }
    String error = params.get("error");
    if (error != null && !error.isBlank()) {
      OAuthError e = new OAuthError(error, params.get("error_description"), params.get("error_uri"), 302,
          params.get("error_subtype"));
      String provider = pending.app().provider().name();
      if (error.equals("access_denied")) {
        throw new AuthorizationDeniedException("the user declined to grant access" + who + " at " + provider + " ("
            + e.summary() + "); nothing was authorized. Authorize again and accept the requested permissions if"
            + " mail should be sent from this account", account, e);
      }
      throw new AuthorizationDeniedException(provider + " refused the authorization" + who + ": " + e.summary()
          + ". Check the app's consent-screen settings, allowed users and scopes, and any administrator policy,"
          + " then authorize again", account, e);
    }
    String code = params.get("code");
    if (code == null || code.isEmpty()) {
      throw new AuthorizationException("the authorization callback" + who + " has neither a code nor an error;"
          + " check that the redirect URI points at this callback and start the authorization again", account,
          null, null);
    }
    Optional<Set<String>> granted = Optional.ofNullable(params.get("scope")).map(Scopes::split);
    return new AuthorizationCode(Secret.of(code), pending.codeVerifier(), pending.app().redirectUri().orElseThrow(),
        pending.scopes(), pending.requiredScopes(), granted, rtRequired, pending.loginHint());
  }
}
