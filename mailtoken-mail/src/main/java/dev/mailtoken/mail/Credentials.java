package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.TokenManager;
import dev.mailtoken.token.TokenSource;
import java.util.Objects;

/**
 * Where a transport gets tokens: a shared {@link TokenManager} (renewing exactly the rejected
 * token, so a burst of rejections costs one refresh) or a single account's {@link TokenSource}.
 * Implementations are thread-safe.
 */
interface Credentials {
  String PROPERTY = "dev.mailtoken.mail.credentials";

  AccessToken token(String account) throws MailtokenException;

  AccessToken renew(String account, AccessToken rejected) throws MailtokenException;

  static Credentials of(TokenManager manager) {
    Objects.requireNonNull(manager, "tokenManager");
    return new Credentials() {
      @Override
      public AccessToken token(String account) throws MailtokenException {
        return manager.token(account);
      }

      @Override
      public AccessToken renew(String account, AccessToken rejected) throws MailtokenException {
        return manager.renew(account, rejected);
      }
    };
  }

  static Credentials of(TokenSource source) {
    Objects.requireNonNull(source, "tokens");
    return new Credentials() {
      @Override
      public AccessToken token(String account) throws MailtokenException {
        return source.token(false);
      }

      @Override
      public AccessToken renew(String account, AccessToken rejected) throws MailtokenException {
        return source.token(true);
      }
    };
  }
}
