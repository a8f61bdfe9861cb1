package dev.mailtoken.mail;

/**
 * How a {@link Mailer} delivers an account's mail.
 *
 * <ul>
 *   <li>{@link SmtpServer}: SMTP submission with XOAUTH2/OAUTHBEARER. Needs the full-mail scope
 *       ({@code https://mail.google.com/} at Google, {@code https://outlook.office.com/SMTP.Send}
 *       at Microsoft) and, at Microsoft, SMTP AUTH enabled for the tenant and mailbox.
 *   <li>{@link GmailApi}: Gmail API {@code users.messages.send}. The right choice when the token
 *       has only {@code gmail.send} (which SMTP refuses) or SMTP ports are blocked.
 *   <li>{@link GraphApi}: Microsoft Graph {@code sendMail}. The right choice when the tenant has
 *       SMTP AUTH disabled ({@code 5.7.139}); needs the {@code Mail.Send} Graph scope.
 * </ul>
 *
 * <p>A transport is configuration; what it does lives in the delivery stage it opens for each
 * {@code Mailer} (SMTP: a connection pool per account; the APIs: authenticated HTTP requests),
 * so a {@code Mailer} routes to a transport without knowing which kind it is.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public abstract sealed class MailTransport permits SmtpServer, GmailApi, GraphApi {

  MailTransport() {
  }

  /** The transport's name in {@link SendResult#transport()}: "smtp", "gmail-api" or "graph". */
  public abstract String name();

  /** This transport's sending stage in one {@code Mailer}; the Mailer closes it. */
  abstract Delivery openDelivery(DeliveryContext context);
}
