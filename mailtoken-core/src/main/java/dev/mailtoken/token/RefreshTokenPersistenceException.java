package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;

/**
 * The provider rotated the refresh token but the {@link RefreshTokenStore} could not save the
 * new one, so the access token from that response was not handed out (a restart would otherwise
 * lose the only working refresh token). The next request refreshes and tries to save again.
 */
public class RefreshTokenPersistenceException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  public RefreshTokenPersistenceException(String account, String refreshTokenFingerprint, Throwable cause) {
    super("The provider rotated the refresh token for " + account + " (new token sha256:"
        + refreshTokenFingerprint + ") but saving it failed (" + cause.getClass().getSimpleName()
        + "), so the new access token was not handed out. Check the refresh-token store; the next"
        + " request will refresh and save again.", account, null, cause);
  }
}
