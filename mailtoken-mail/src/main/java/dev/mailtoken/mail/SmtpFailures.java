package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Turns a Jakarta Mail failure into the typed {@link MailtokenException} a caller can act on.
 * Stateless.
 */
final class SmtpFailures {
  private SmtpFailures() {
  }

  /**
   * @param dataEnded whether the end of the message data (the final dot, the last BDAT chunk) was
   *     written: only then can a failure without a reply mean the message was delivered
   */
  static MailtokenException of(String account, MessagingException e, boolean dataEnded) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MailtokenException typed) {
        return typed;
      }
    }
    int code = replyCode(e);
    String reply = reply(e);
    Optional<MailtokenException> special = SmtpReplies.special(account, code, reply);
    if (special.isPresent()) {
      return special.get();
    }
    if (e instanceof SendFailedException sfe && hasInvalid(sfe) && (code == 0 || code >= 500) && !dataEnded) {
      List<String> rejected = new ArrayList<>();
      for (Address a : sfe.getInvalidAddresses()) {
        rejected.add(a.toString());
      }
      return new RecipientRejectedException(account, rejected, reply.isEmpty() ? e.getMessage() : reply);
    }
    // Any reply, 552 at the end of the data included, says the message was not accepted.
    return new SmtpFailureException(account, code, reply.isEmpty() ? String.valueOf(e.getMessage()) : reply,
        dataEnded && code == 0, e);
  }

  /** True when the server dropped the connection (421, or no reply at all) before the data was sent. */
  static boolean connectionDropped(MessagingException e, boolean dataSent) {
    if (dataSent) {
      return false;
    }
    int code = replyCode(e);
    return code == 421 || (code == 0 && !(e instanceof SendFailedException sfe && hasInvalid(sfe)));
  }

  private static boolean hasInvalid(SendFailedException e) {
    return e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
  }

  private static int replyCode(MessagingException e) {
    MessagingException reply = serverReply(e);
    if (reply instanceof SMTPAddressFailedException a) {
      return a.getReturnCode();
    }
    if (reply instanceof SMTPSendFailedException f) {
      return f.getReturnCode();
    }
    return 0;
  }

  private static String reply(MessagingException e) {
    MessagingException reply = serverReply(e);
    return reply == null ? "" : String.valueOf(reply.getMessage()).trim();
  }

  /** The first exception in the chain that carries the server's reply (Angus's SMTP*FailedException), or null. */
  private static MessagingException serverReply(MessagingException e) {
    for (Exception x = e; x instanceof MessagingException m; x = m.getNextException()) {
      if (m instanceof SMTPAddressFailedException || m instanceof SMTPSendFailedException) {
        return m;
      }
    }
    return null;
  }
}
