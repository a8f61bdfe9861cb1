package dev.mailtoken.mail;

import dev.mailtoken.oauth.MailtokenException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Turns a Jakarta Mail failure into the typed {@link MailtokenException} a caller can act on.
 * Stateless.
 */
final class SmtpFailures {
  private SmtpFailures() {
  }

  static MailtokenException of(String account, MessagingException e, boolean dataSent) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MailtokenException) {
        return (MailtokenException) t;
      }
    }
    int code = replyCode(e);
    String reply = reply(e);
    java.util.Optional<MailtokenException> special = SmtpReplies.special(account, code, reply);
    if (special.isPresent()) {
      return special.get();
    }
    if (e instanceof SendFailedException) {
      SendFailedException sfe = (SendFailedException) e;
      Address[] invalid = sfe.getInvalidAddresses();
      if (invalid != null && invalid.length > 0 && (code == 0 || code >= 500) && !dataSent) {
        List<String> rejected = new ArrayList<>();
        for (Address a : invalid) {
          rejected.add(a.toString());
        }
        return new RecipientRejectedException(account, rejected, reply.isEmpty() ? e.getMessage() : reply);
      }
    }
    return new SmtpFailureException(account, code, reply.isEmpty() ? String.valueOf(e.getMessage()) : reply,
        dataSent, e);
  }

  /** True when the server dropped the connection (421, or no reply at all) before the data was sent. */
  static boolean connectionDropped(MessagingException e, boolean dataSent) {
    if (dataSent) {
      return false;
    }
    int code = replyCode(e);
    return code == 421 || (code == 0 && !(e instanceof SendFailedException && hasInvalid((SendFailedException) e)));
  }

  private static boolean hasInvalid(SendFailedException e) {
    return e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
  }

  static int replyCode(MessagingException e) {
    for (Exception x = e; x != null; x = x instanceof MessagingException ? ((MessagingException) x).getNextException() : null) {
      if (x instanceof SMTPAddressFailedException) {
        return ((SMTPAddressFailedException) x).getReturnCode();
      }
      if (x instanceof SMTPSendFailedException) {
        return ((SMTPSendFailedException) x).getReturnCode();
      }
    }
    return 0;
  }

  private static String reply(MessagingException e) {
    for (Exception x = e; x != null; x = x instanceof MessagingException ? ((MessagingException) x).getNextException() : null) {
      if (x instanceof SMTPAddressFailedException || x instanceof SMTPSendFailedException) {
        return String.valueOf(x.getMessage()).trim();
      }
    }
    return "";
  }
}
