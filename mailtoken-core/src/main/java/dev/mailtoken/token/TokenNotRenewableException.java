package dev.mailtoken.token;

import dev.mailtoken.ReauthorizationRequiredException;

/**
 * A fixed access token was rejected or has expired, and there is nothing to renew it with.
 * Supply a new token (register the account again) or use a grant that can renew itself.
 */
public class TokenNotRenewableException extends ReauthorizationRequiredException {
  private static final long serialVersionUID = 1L;

  public TokenNotRenewableException(String account, String why) {
    super("The fixed access token for " + account + " " + why + " and cannot be renewed: a fixed token"
        + " has no refresh token. Register the account again with a new token, or use a refresh-token,"
        + " service-account or callback grant.", account, null, null);
  }
}
