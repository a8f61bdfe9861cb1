package dev.mailtoken.token;

import dev.mailtoken.ConfigurationException;

/** A token was asked for an account that is neither registered nor known to the account loader. */
public class UnknownAccountException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  public UnknownAccountException(String account) {
    super("No account " + account + " is registered with this token manager: register it first, or"
        + " configure an account loader that knows it.", account, null, null);
  }
}
