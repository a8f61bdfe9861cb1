package dev.mailtoken.mail;

import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * What one {@link Mailer} shares among the delivery stages its transports open: where tokens come
 * from, the clock, where events go, and one HTTP sender for the API transports (made on first use, so a mailer
 * without them starts no HTTP client). Used while the mailer is built, on that thread only.
 */
final class DeliveryContext {
  private final TokenAccess tokens;
  private final Clock clock;
  private final Duration httpTimeout;
  private final SSLContext httpSslContext;
  private final MailEvents events;
  private HttpMailSender http;

  /** @param httpSslContext the HTTP client's TLS context, or null for the JDK default */
  DeliveryContext(
      TokenAccess tokens, Clock clock, Duration httpTimeout, SSLContext httpSslContext, MailEvents events) {
    this.tokens = tokens;
    this.clock = clock;
    this.httpTimeout = httpTimeout;
    this.httpSslContext = httpSslContext;
    this.events = events;
  }

  TokenAccess tokens() {
    return tokens;
  }

  Clock clock() {
    return clock;
  }

  /** Where the delivery stages report renewals after a rejection. */
  MailEvents events() {
    return events;
  }

  /** The mailer's one HTTP sender (one connection pool for every API transport). */
  HttpMailSender http() {
    if (http == null) {
      http = new HttpMailSender(tokens, httpTimeout, httpSslContext, clock, events);
    }
    return http;
  }
}
