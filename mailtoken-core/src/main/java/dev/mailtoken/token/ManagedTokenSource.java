package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;

/** A {@link TokenSource} for one account of a {@link TokenManager}; remembers what it handed out last. */
final class ManagedTokenSource implements TokenSource {
  private final TokenManager manager;
  private final String account;
  private volatile AccessToken last;

  ManagedTokenSource(TokenManager manager, String account) {
    this.manager = manager;
    this.account = account;
  }

  @Override
  public AccessToken token(boolean renew) throws MailtokenException {
    AccessToken rejected = last;
    AccessToken token;
    if (renew) {
      token = manager.renew(account, rejected != null ? rejected : manager.token(account));
    } else {
      token = manager.token(account);
    }
    last = token;
    return token;
  }

  @Override
  public String toString() {
    return "TokenSource[" + account + "]";
  }
}
