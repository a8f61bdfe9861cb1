package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

/** A {@link MimeMessage} to send: recipients from its headers, bytes from {@link MimeSerializer}. */
record MimeSubmission(String account, MimeMessage message, String messageId) implements Submission {

  @Override
  public MimeMessage smtpMessage() {
    return message;
  }

  @Override
  public Address[] smtpRecipients() throws MailtokenException {
    return MimeSerializer.recipients(message);
  }

  @Override
  public byte[] apiBytes(String api) throws MailtokenException {
    return MimeSerializer.bytes(message);
  }
}
