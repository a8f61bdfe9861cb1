package dev.mailtoken;

import java.util.Optional;

/**
 * Root of every checked exception mailtoken throws. Thrown only by methods that do network or
 * store I/O. Subtypes are the things a caller handles differently:
 *
 * <ul>
 *   <li>{@link ReauthorizationRequiredException}: the grant is dead ({@code invalid_grant});
 *       a person must consent again.
 *   <li>{@link TransientException}: retry later (5xx, 429, timeouts, network failures).
 *   <li>{@link ConfigurationException}: something in the setup is wrong (client id or secret,
 *       scope, redirect URI, key file); retrying will not help.
 *   <li>{@link dev.mailtoken.oauth.InvalidResponseException}: the server answered with something that is not a
 *       valid OAuth2 response.
 *   <li>{@link dev.mailtoken.oauth.AuthorizationException}: the consent step failed (denied, state mismatch).
 * </ul>
 *
 * <p>Messages say what happened and what to do, and never contain a secret. The provider's
 * error code and the account are fields, not just text.
 */
public class MailtokenException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String account;
  private final OAuthError oauthError;

  public MailtokenException(String message) {
    this(message, null, null, null);
  }

  public MailtokenException(String message, Throwable cause) {
    this(message, null, null, cause);
  }

  public MailtokenException(String message, String account, OAuthError oauthError, Throwable cause) {
    super(message, cause);
    this.account = account;
    this.oauthError = oauthError;
  }

  /** The account (mailbox address) this failure concerns, when known. */
  public Optional<String> account() {
    return Optional.ofNullable(account);
  }

  /** The OAuth2 error response from the provider, when there was one. */
  public Optional<OAuthError> oauthError() {
    return Optional.ofNullable(oauthError);
  }

  /** True when retrying the same operation later may succeed. */
  public boolean isTransient() {
    return false;
  }
}
