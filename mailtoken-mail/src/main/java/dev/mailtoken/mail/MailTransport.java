package dev.mailtoken.mail;

import java.util.List;

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
 *       SMTP AUTH disabled ({@code 5.7.139}); needs the {@code Mail.Send} Graph scope, consented
 *       to with the same authorization as SMTP or alone: it asks for a Graph token of its own.
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

  /**
   * The scope set of the tokens this transport asks the token manager for
   * ({@link dev.mailtoken.token.TokenManager#token(String, List)}); empty for the account's own
   * token. Graph asks for its own ({@code Mail.Send}): at Microsoft one refresh token serves SMTP
   * and Graph, but each with a token of its own resource.
   */
  List<String> tokenScopes() {
    return List.of();
  }

  /** This transport's sending stage in one {@code Mailer}; the Mailer closes it. */
  abstract Delivery openDelivery(DeliveryContext context);
}
