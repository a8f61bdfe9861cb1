package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TokenSource} for one account and scope set of a {@link TokenManager}; remembers what it
 * handed out last.
 */
final class ManagedTokenSource implements TokenSource {
  private final TokenManager manager;
  private final String account;
  private final List<String> scopes;
  private volatile AccessToken last;

  ManagedTokenSource(TokenManager manager, String account, List<String> scopes) {
    this.manager = manager;
    this.account = account;
    this.scopes = scopes;
  }

  @Override
  public AccessToken token(boolean renew) throws MailtokenException {
    AccessToken rejected = last;
    AccessToken token;
    if (renew) {
      token = manager.renew(account, scopes, rejected != null ? rejected : manager.token(account, scopes));
    } else {
      token = manager.token(account, scopes);
    }
    last = token;
    return token;
  }

  @Override
  public Optional<String> account() {
    return Optional.of(account);
  }

  @Override
  public String toString() {
    return "TokenSource[" + account + (scopes.isEmpty() ? "" : ", " + String.join(" ", scopes)) + "]";
  }
}
