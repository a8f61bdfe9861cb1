package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Prepares and serialises {@link MimeMessage}s for sending, and reads what the sending needs from
 * them (the {@code From} account, the recipients).
 *
 * <p>{@link #during} runs a send with Jakarta Mail's per-message service lookup answered from
 * memory ({@link StreamProviderLookup}): without it, {@code saveChanges} and {@code writeTo} scan
 * the class path on every message. One per {@link Mailer}; thread-safe. Failures to read or write
 * a message are {@link MailtokenException}s naming what could not be done; a message without
 * recipients or {@code From} is an {@link IllegalArgumentException}.
 */
final class MimeSerializer {
  private final StreamProviderLookup.Shortcut lookupShortcut = new StreamProviderLookup.Shortcut();

  /** Runs {@code action} (a send) with the service lookup short-cut on this thread. */
  <T, E extends Exception> T during(StreamProviderLookup.Action<T, E> action) throws E {
    return lookupShortcut.during(action);
  }

  /** Saves the message's changes unless it already has a {@code Message-ID}; returns that id. */
  static String prepare(MimeMessage message) throws MailtokenException {
    try {
      if (message.getMessageID() == null) {
        message.saveChanges();
      }
      return message.getMessageID();
    } catch (MessagingException e) {
      throw new MailtokenException("the message cannot be prepared for sending: " + e.getMessage(), e);
    }
  }

  /** The message as MIME bytes, every header included (an HTTP API reads {@code Bcc} from them). */
  static byte[] bytes(MimeMessage message) throws MailtokenException {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      message.writeTo(out);
      return out.toByteArray();
    } catch (IOException | MessagingException e) {
      throw new MailtokenException("the message cannot be serialised: " + e.getMessage(), e);
    }
  }

  /** The To, Cc and Bcc addresses. */
  static Address[] recipients(MimeMessage message) throws MailtokenException {
    try {
      Address[] all = message.getAllRecipients();
      if (all == null || all.length == 0) {
        throw new IllegalArgumentException("the message has no recipients (To, Cc or Bcc)");
      }
      return all;
    } catch (MessagingException e) {
      throw new MailtokenException("the message's recipients cannot be read: " + e.getMessage(), e);
    }
  }

  /** The first {@code From} address: the account a message is sent as unless one is given. */
  static String fromAddress(MimeMessage message) throws MailtokenException {
    try {
      Address[] from = message.getFrom();
      if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress)) {
        throw new IllegalArgumentException("the message has no From address; set one or pass the account to send(..)");
      }
      return ((InternetAddress) from[0]).getAddress();
    } catch (MessagingException e) {
      throw new MailtokenException("the message's From address cannot be read: " + e.getMessage(), e);
    }
  }
}
