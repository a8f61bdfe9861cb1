package dev.mailtoken.token;

import dev.mailtoken.MailtokenException;
import java.util.Optional;

/**
 * Anything that yields a valid access token for one account.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface TokenSource {

  /**
   * A valid access token.
   *
   * @param renew true when the last token was rejected (SMTP 334/535, HTTP 401): get a new one
   * @throws MailtokenException when no valid token can be had; the subtype says what to do
   */
  AccessToken token(boolean renew) throws MailtokenException;

  /**
   * The account whose tokens this source yields, when it knows it: a {@link TokenManager}'s
   * sources do, so {@code MailSessions.create(properties, server, tokens.source(account))} needs no
   * {@code mail.smtp.user}. Empty by default (a lambda knows no account).
   */
  default Optional<String> account() {
    return Optional.empty();
  }
}
