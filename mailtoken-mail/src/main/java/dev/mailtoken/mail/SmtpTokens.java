package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.internal.ServerText;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Rejection;
import jakarta.mail.MessagingException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bearer token {@link TokenSmtpTransport} authenticates with: the account's own token from
 * the session's {@link TokenAccess}, or after a rejection a renewed one, with the
 * {@link Rejection} its event reports. Failures are {@link MessagingException}s whose cause is the
 * typed {@link MailtokenException}. Stateless.
 */
final class SmtpTokens {
  private SmtpTokens() {
  }

  /** SMTP uses the account's own token: the resource its scopes name (Outlook SMTP, Gmail). */
  static AccessToken token(TokenAccess creds, String account, AccessToken rejected, Rejection reason)
      throws MessagingException {
    try {
      return rejected == null ? creds.token(account, List.of()) : creds.renew(account, List.of(), rejected, reason);
    } catch (MailtokenException e) {
      throw TokenSmtpTransport.wrap(e);
    }
  }

  /** What the renewal's event reports: the reply (masked, one line) and the decoded challenge's fields. */
  static Rejection rejection(String reply, BearerErrorChallenge challenge) {
    Map<String, String> fields = new TreeMap<>();
    if (challenge != null) {
      Map.of("status", challenge.status(), "schemes", challenge.schemes(), "scope", challenge.scope())
          .forEach((k, v) -> {
            if (!v.isEmpty()) {
              fields.put(k, v);
            }
          });
    }
    return new Rejection("smtp", ServerText.printable(reply.strip()), fields);
  }
}
