package dev.mailtoken.oauth;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.internal.ServerText;
import java.util.Set;

/**
 * After a successful code exchange or device-code poll: was a refresh token issued, and were the
 * needed scopes granted?
 */
final class CodeExchangeChecks {
  private CodeExchangeChecks() {
  }

  static void check(OAuthProvider provider, AuthorizationCode code, TokenResponse response, Target target)
      throws ConfigurationException {
    check(provider, code.refreshTokenRequired(), code.requiredScopes(), response, target);
  }

  static void check(OAuthProvider provider, boolean refreshTokenRequired, Set<String> requiredScopes,
      TokenResponse response, Target target) throws ConfigurationException {
    if (refreshTokenRequired && response.refreshToken().isEmpty()) {
      throw new MissingRefreshTokenException(missingRefreshTokenMessage(provider, target), target.account(), response);
    }
    Set<String> missing = response.missingScopes(requiredScopes);
    if (!missing.isEmpty()) {
      throw new ScopeNotGrantedException(provider.name() + " issued a token" + target.who() + " without the required"
          + " scope(s) " + missing + " (granted: " + ServerText.printable(String.valueOf(response.scopes()))
          + "). The user probably unticked a permission on"
          + " the consent screen, or an administrator restricts these scopes: authorize again and grant every"
          + " requested permission", target.account(), missing, response);
    }
  }

  private static String missingRefreshTokenMessage(OAuthProvider provider, Target target) {
    String head = provider.name() + " returned no refresh token" + target.who() + ", so the account would stop"
        + " working when this access token expires. ";
    if (!provider.offlineAccessParameters().isEmpty()) {
      return head + "The app was probably already authorized for this user, and " + provider.name()
          + " returns a refresh token only on the first consent: authorize again with prompt=consent and"
          + " access_type=offline (the default when a refresh token is required), or let the user remove the app's"
          + " access at https://myaccount.google.com/permissions and authorize again";
    }
    if (provider.offlineAccessScope().isPresent()) {
      return head + "Ask for the " + provider.offlineAccessScope().get() + " scope and make sure the user (or an"
          + " administrator) granted it, then authorize again";
    }
    return head + "Check that the app is allowed the refresh_token grant at the provider (and any"
        + " offline-access scope it needs), then authorize again";
  }
}
