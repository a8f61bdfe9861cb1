package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Rejection;
import dev.mailtoken.token.TokenManager;
import dev.mailtoken.token.TokenSource;
import java.util.List;
import java.util.Objects;

/**
 * Where a transport gets tokens: a shared {@link TokenManager} (per account and scope set,
 * renewing exactly the rejected token, so a burst of rejections costs one refresh) or a single
 * account's {@link TokenSource} (which serves one resource: the scopes are not its to choose).
 * Implementations are thread-safe.
 */
interface TokenAccess {
  String PROPERTY = "dev.mailtoken.mail.credentials";

  /** @param scopes the transport's scope set; empty for the account's own token */
  AccessToken token(String account, List<String> scopes) throws MailtokenException;

  /** @param reason what the server said, for the renewal's event; may be null */
  AccessToken renew(String account, List<String> scopes, AccessToken rejected, Rejection reason)
      throws MailtokenException;

  static TokenAccess of(TokenManager manager) {
    Objects.requireNonNull(manager, "tokenManager");
    return new TokenAccess() {
      @Override
      public AccessToken token(String account, List<String> scopes) throws MailtokenException {
        return scopes.isEmpty() ? manager.token(account) : manager.token(account, scopes);
      }

      @Override
      public AccessToken renew(String account, List<String> scopes, AccessToken rejected, Rejection reason)
          throws MailtokenException {
        return manager.renew(account, scopes, rejected, reason);
      }
    };
  }

  static TokenAccess of(TokenSource source) {
    Objects.requireNonNull(source, "tokens");
    return new TokenAccess() {
      @Override
      public AccessToken token(String account, List<String> scopes) throws MailtokenException {
        return source.token(false);
      }

      @Override
      public AccessToken renew(String account, List<String> scopes, AccessToken rejected, Rejection reason)
          throws MailtokenException {
        return source.token(true);
      }
    };
  }
}
