package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.TokenResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Turns a grant into a new access token: one network call or one callback call, no state. */
final class GrantExchange {

  /** A new token, and the rotated refresh token when the provider sent a different one. */
  record Outcome(AccessToken token, Optional<Secret> rotatedRefreshToken) { }

  private final TokenEndpoint endpoint;

  GrantExchange(TokenEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** How long a caller waits for a refresh-token exchange before it gets a transient error. */
  Duration requestTimeout() {
    return endpoint.requestTimeout();
  }

  /**
   * A refresh-token grant's request is sent now and read until the endpoint's completion timeout
   * (its answer may carry the only valid refresh token); every other grant runs on this thread
   * and the future is already complete. {@code scopes} empty asks for the grant's own scopes.
   */
  CompletableFuture<Outcome> fetchAsync(String account, Grant grant, List<String> scopes, boolean renew,
      Instant now) {
    if (grant instanceof RefreshTokenGrant g) {
      // A response without a refresh token keeps the old one (Google never rotates, T-G-03).
      return endpoint.refreshAsync(g.app(), g.refreshToken(), scopes, account).thenApply(r -> new Outcome(
          toAccessToken(r), r.refreshToken().filter(rt -> !rt.equals(g.refreshToken()))));
    }
    try {
      return CompletableFuture.completedFuture(fetch(account, grant, scopes, renew, now));
    } catch (MailtokenException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A fixed token is what it is: served for any scope set. */
  private Outcome fetch(String account, Grant grant, List<String> scopes, boolean renew, Instant now)
      throws MailtokenException {
    if (grant instanceof ServiceAccountGrant g) {
      TokenResponse r = endpoint.jwtBearer(g.key(), g.subject().orElse(null), scopes.isEmpty() ? g.scopes() : scopes);
      return new Outcome(toAccessToken(r), Optional.empty());
    }
    if (grant instanceof FixedTokenGrant g) {
      if (renew) {
        throw new TokenNotRenewableException(account, "was rejected");
      }
      if (g.token().isExpiredAt(now)) {
        throw new TokenNotRenewableException(account, "expired at " + g.token().expiresAt().orElseThrow());
      }
      return new Outcome(g.token(), Optional.empty());
    }
    if (grant instanceof CallbackGrant g) {
      return new Outcome(callCallback(account, g.callback(), scopes, renew), Optional.empty());
    }
    throw new IllegalStateException("unknown grant kind " + grant.getClass().getName());
  }

  private static AccessToken callCallback(String account, TokenCallback callback, List<String> scopes,
      boolean renew) throws MailtokenException {
    AccessToken token;
    try {
      token = callback.token(account, scopes, renew);
    } catch (MailtokenException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenRefreshException("The token callback for " + account + " was interrupted.", account, e);
    } catch (Exception e) {
      throw new TokenRefreshException("The token callback " + callback.getClass().getName() + " for " + account
          + " threw " + e.getClass().getName() + "; the next request will call it again.", account, e);
    }
    if (token == null) {
      throw new TokenRefreshException("The token callback " + callback.getClass().getName() + " for " + account
          + " returned null instead of a token.", account, null);
    }
    return token;
  }

  private static AccessToken toAccessToken(TokenResponse r) {
    return new AccessToken(r.accessToken(), r.expiresAt(), r.scopes());
  }
}
