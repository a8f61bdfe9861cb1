package dev.mailtoken.token;

/**
 * Application code that supplies access tokens (Nodemailer's provisioning callback).
 *
 * <p>The manager calls it for one account at a time, never holding a lock, on the thread that
 * runs the refresh. Whatever it throws is reported to the waiting callers (a
 * {@link dev.mailtoken.MailtokenException} as is, anything else wrapped in
 * {@link TokenRefreshException}) and the next request calls it again.
 */
@FunctionalInterface
public interface TokenCallback {

  /**
   * Returns a valid access token for {@code account}.
   *
   * @param renew true when the previous token was rejected by the mail server: do not return it
   *     again
   */
  AccessToken token(String account, boolean renew) throws Exception;
}
