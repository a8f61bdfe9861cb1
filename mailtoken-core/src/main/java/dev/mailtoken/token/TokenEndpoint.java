package dev.mailtoken.token;

import dev.mailtoken.oauth.App;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.Secret;
import dev.mailtoken.oauth.ServiceAccountKey;
import dev.mailtoken.oauth.TokenResponse;
import java.util.List;

/**
 * The two token-endpoint calls the lifecycle needs. An interface so tests can put a recording
 * fake in front of the manager; production always wraps an {@link OAuthClient}.
 */
interface TokenEndpoint {

  TokenResponse refresh(App app, Secret refreshToken, List<String> scopes, String account) throws MailtokenException;

  TokenResponse jwtBearer(ServiceAccountKey key, String subject, List<String> scopes) throws MailtokenException;

  static TokenEndpoint of(OAuthClient client) {
    return new TokenEndpoint() {
      @Override
      public TokenResponse refresh(App app, Secret refreshToken, List<String> scopes, String account)
          throws MailtokenException {
        return client.refresh(app, refreshToken, scopes, account);
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
