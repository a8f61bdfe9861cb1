package dev.mailtoken.token;

import dev.mailtoken.oauth.App;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.ServiceAccountKey;
import dev.mailtoken.oauth.TokenResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The token-endpoint calls the lifecycle needs. An interface so tests can put a recording fake in
 * front of the manager; production always wraps an {@link OAuthClient}.
 */
interface TokenEndpoint {

  TokenResponse refresh(App app, Secret refreshToken, List<String> scopes, String account) throws MailtokenException;

  /**
   * A refresh sent now whose answer is read until the completion timeout, however long callers
   * wait ({@link OAuthClient#refreshAsync}). The default runs {@link #refresh} on this thread.
   */
  default CompletableFuture<TokenResponse> refreshAsync(App app, Secret refreshToken, List<String> scopes,
      String account) {
    try {
      return CompletableFuture.completedFuture(refresh(app, refreshToken, scopes, account));
    } catch (MailtokenException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** How long a caller waits for a refresh before it gets a transient error (the refresh goes on). */
  default Duration requestTimeout() {
    return Duration.ofSeconds(30);
  }

  TokenResponse jwtBearer(ServiceAccountKey key, String subject, List<String> scopes) throws MailtokenException;

  static TokenEndpoint of(OAuthClient client) {
    return new TokenEndpoint() {
      @Override
      public TokenResponse refresh(App app, Secret refreshToken, List<String> scopes, String account)
          throws MailtokenException {
        return client.refresh(app, refreshToken, scopes, account);
      }

      @Override
      public CompletableFuture<TokenResponse> refreshAsync(App app, Secret refreshToken, List<String> scopes,
          String account) {
        return client.refreshAsync(app, refreshToken, scopes, account);
      }

      @Override
      public Duration requestTimeout() {
        return client.requestTimeout();
      }

      @Override
      public TokenResponse jwtBearer(ServiceAccountKey key, String subject, List<String> scopes)
          throws MailtokenException {
        return client.jwtBearer(key, subject, scopes);
      }
    };
  }

  /** Used when no OAuth client was configured; registering such a grant is refused earlier. */
  TokenEndpoint NONE = new TokenEndpoint() {
    @Override
    public TokenResponse refresh(App app, Secret refreshToken, List<String> scopes, String account) {
      throw new IllegalStateException("no OAuthClient configured on this TokenManager");
    }

    @Override
    public TokenResponse jwtBearer(ServiceAccountKey key, String subject, List<String> scopes) {
      throw new IllegalStateException("no OAuthClient configured on this TokenManager");
    }
  };
}
