package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import java.util.Optional;

/**
 * Recognises the SMTP replies that mean something other than "this message failed": sending
 * limits, connection limits, SMTP AUTH disabled, temporary AUTH failures (454). Stateless.
 */
final class SmtpReplies {
  private SmtpReplies() {
  }

  static boolean authDisabled(String reply) {
    return reply != null && reply.contains("5.7.139");
  }

  static boolean connectionLimit(int code, String reply) {
    return code == 432 || (reply != null && reply.contains("4.3.2"));
  }

  static boolean sendingLimit(int code, String reply) {
    return reply != null && ((code == 550 || reply.startsWith("550")) && reply.contains("5.4.5")
        || (code == 554 || reply.startsWith("554")) && reply.contains("5.2.0"));
  }

  /** The typed exception for a reply that is not a plain failure, if it is one of those. */
  static Optional<MailtokenException> special(String account, int code, String reply) {
    if (authDisabled(reply)) {
      return Optional.of(new SmtpAuthDisabledException(account, reply));
    }
    if (connectionLimit(code, reply)) {
      return Optional.of(new ConnectionLimitException(account, reply));
    }
    if (sendingLimit(code, reply)) {
      return Optional.of(new SendingLimitException(account, reply));
    }
    if (code == 454 || (reply != null && reply.startsWith("454"))) {
      // Gmail's "Too many login attempts" (and other temporary AUTH failures): the token is not the
      // problem, so renewing it would only add a refresh; report it as transient instead.
      return Optional.of(new SmtpFailureException(account, 454, reply, false, null));
    }
    return Optional.empty();
  }
}
