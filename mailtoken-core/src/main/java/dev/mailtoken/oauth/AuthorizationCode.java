package dev.mailtoken.oauth;

import dev.mailtoken.Secret;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated authorization code, ready for {@link OAuthClient#exchangeCode}: the decoded code,
 * the PKCE verifier, and what the authorization request asked for. Made by
 * {@link PendingAuthorization#validate}.
 *
 * <p>Immutable; {@code toString} shows only fingerprints of the code and verifier.
 *
 * @param code the code, percent-decoded exactly once (T-G-07)
 * @param codeVerifier the PKCE verifier, when PKCE was used
 * @param redirectUri the redirect URI of the authorization request (sent again at exchange)
 * @param requestedScopes the scopes asked for
 * @param requiredScopes the scopes without which the token is useless (mail scopes); checked at exchange
 * @param grantedScopes the {@code scope} the provider put on the redirect, when it did (Google does)
 * @param refreshTokenRequired true when the exchange must yield a refresh token
 * @param account the {@code login_hint}, when one was given; used in messages
 */
public record AuthorizationCode(
    Secret code,
    Optional<Secret> codeVerifier,
    URI redirectUri,
    List<String> requestedScopes,
    Set<String> requiredScopes,
    Optional<Set<String>> grantedScopes,
    boolean refreshTokenRequired,
    Optional<String> account) {

  public AuthorizationCode {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(codeVerifier, "codeVerifier");
    Objects.requireNonNull(redirectUri, "redirectUri");
    requestedScopes = List.copyOf(requestedScopes);
    requiredScopes = Set.copyOf(requiredScopes);
    grantedScopes = grantedScopes.map(Set::copyOf);
    Objects.requireNonNull(account, "account");
  }
}
