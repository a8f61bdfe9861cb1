package dev.mailtoken.token;

import java.util.List;

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

  /**
   * Returns a valid access token for {@code account} and the scope set {@code scopes} (a resource
   * such as Microsoft Graph, asked through {@link TokenManager#token(String, List)}); empty asks for
   * the account's own token. The default ignores {@code scopes} and calls
   * {@link #token(String, boolean)}: override it when the account has tokens for several resources
   * (Microsoft issues one resource per token request, so an SMTP token does not work for Graph).
   *
   * @param scopes sorted, without duplicates; empty for the account's own token
   * @param renew true when the previous token for these scopes was rejected: do not return it again
   */
  default AccessToken token(String account, List<String> scopes, boolean renew) throws Exception {
    return token(account, renew);
  }
}
