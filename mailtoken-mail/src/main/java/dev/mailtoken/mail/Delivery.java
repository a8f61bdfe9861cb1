package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;

/**
 * One transport's sending stage inside one {@link Mailer}, opened by
 * {@link MailTransport#openDelivery}: it owns what that kind of transport needs (SMTP: a
 * connection pool per account; the HTTP APIs: nothing beyond the mailer's shared HTTP client) and
 * carries out the renew-once and retry-once rules. Thread-safe.
 */
interface Delivery extends AutoCloseable {

  /**
   * Delivers one message.
   *
   * @throws MailtokenException the typed failures listed on {@link Mailer}
   */
  SendResult deliver(Submission submission) throws MailtokenException;

  /** The transport's name, as in {@link SendResult#transport()}. */
  String transport();

  /** Releases what the stage holds (pooled connections); in-flight deliveries finish first. Idempotent. */
  @Override
  void close();
}
