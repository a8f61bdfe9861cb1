package dev.mailtoken.oauth;

import dev.mailtoken.ConfigurationException;

/**
 * A code exchange succeeded but returned no refresh token although one was required. With
 * Google this happens when the user had already authorized the app and the consent screen was
 * skipped (T-G-01): ask again with {@code prompt=consent} and {@code access_type=offline}, or let
 * the user remove the app at https://myaccount.google.com/permissions first. With Microsoft the
 * {@code offline_access} scope was missing. The access token that did come back is available
 * from {@link #response()} for callers that can live without offline access.
 */
public class MissingRefreshTokenException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final transient TokenResponse response;

  public MissingRefreshTokenException(String message, String account, TokenResponse response) {
    super(message, account, null, null);
    this.response = response;
  }

  /** The response that lacked the refresh token (its access token is still usable). */
  public TokenResponse response() {
    return response;
  }
}
