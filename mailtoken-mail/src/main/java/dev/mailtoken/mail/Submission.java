package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

/**
 * One message on its way through a {@link Mailer}: the account it goes out as, and its content in
 * the two forms the delivery stages take — what SMTP writes (a message whose {@code From} is the
 * {@code MAIL FROM}, and the {@code RCPT TO} list) and the bytes an HTTP API gets. Confined to
 * the sending thread.
 */
sealed interface Submission permits MimeSubmission, RawSubmission {

  /** The account whose token authenticates the delivery. */
  String account();

  /** The {@code Message-ID} for {@link SendResult#messageId()}; empty when a raw message has none. */
  String messageId();

  /** What Angus writes after {@code DATA}; its {@code getFrom()} gives the {@code MAIL FROM}. */
  MimeMessage smtpMessage();

  /**
   * The {@code RCPT TO} addresses.
   *
   * @throws IllegalArgumentException when there are none
   */
  Address[] smtpRecipients() throws MailtokenException;

  /**
   * The MIME bytes for an HTTP API, which delivers to the recipients its headers name.
   *
   * @param api the transport's name, for messages
   * @throws IllegalArgumentException when the headers cannot say what the envelope says
   */
  byte[] apiBytes(String api) throws MailtokenException;
}
