package dev.mailtoken.mail;

import java.time.Instant;

/**
 * One authenticated SMTP connection in a {@link SmtpPool}, with when it was last returned.
 * Confined to the thread that borrowed it.
 */
final class PooledConnection {
  private final TokenSmtpTransport transport;
  private Instant lastUsed;

  PooledConnection(TokenSmtpTransport transport, Instant lastUsed) {
    this.transport = transport;
    this.lastUsed = lastUsed;
  }

  TokenSmtpTransport transport() {
    return transport;
  }

  Instant lastUsed() {
    return lastUsed;
  }

  void lastUsed(Instant when) {
    this.lastUsed = when;
  }

  void closeQuietly() {
    try {
      transport.close();
    } catch (jakarta.mail.MessagingException | RuntimeException e) {
      // Closing a connection the server already dropped: nothing to do.
    }
  }
}
