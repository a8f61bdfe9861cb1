package dev.mailtoken.oauth;

import java.util.List;

/**
 * Talks to token endpoints on {@code java.net.http}: code exchange, refresh, JWT bearer,
 * client credentials, revocation.
 *
 * <p>SKELETON: the oauth helper owns this class; the signatures below are the contract the
 * token layer codes against.
 */
public final class OAuthClient {

  /**
   * Refreshes an access token ({@code grant_type=refresh_token}).
   *
   * @param scopes scopes to ask for; empty to ask for the original grant
   */
  public TokenResponse refresh(App app, Secret refreshToken, List<String> scopes) throws MailtokenException {
    throw new UnsupportedOperationException("pending: oauth helper");
  }

  /** Mints an access token with a signed JWT assertion (RFC 7523), Google service accounts. */
  public TokenResponse jwtBearer(ServiceAccountKey key, String subject, List<String> scopes) throws MailtokenException {
    throw new UnsupportedOperationException("pending: oauth helper");
  }
}
