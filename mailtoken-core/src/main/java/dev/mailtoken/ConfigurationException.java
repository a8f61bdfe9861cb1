package dev.mailtoken;

import dev.mailtoken.MailtokenException;

/**
 * Something in the setup is wrong and retrying will not fix it: unknown client or wrong client
 * secret ({@code invalid_client}), a grant this client may not use ({@code unauthorized_client},
 * for example domain-wide delegation not granted), a scope the provider refuses
 * ({@code invalid_scope}), a redirect URI mismatch, a bad key file, a missing refresh token.
 * The message says which setting to change.
 */
public class ConfigurationException extends MailtokenException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }

  public ConfigurationException(String message, String account, OAuthError oauthError, Throwable cause) {
    super(message, account, oauthError, cause);
  }
}
