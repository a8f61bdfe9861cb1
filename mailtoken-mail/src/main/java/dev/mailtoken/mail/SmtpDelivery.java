package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SmtpServer}'s delivery stage in one {@link Mailer}: a {@link SmtpPool} per account (two
 * accounts' credentials never share a connection) on one Jakarta Mail session. A connection the
 * server dropped before the message data was sent is replaced and the send retried once; nothing
 * is retried after the data was sent (no duplicates). Token renewal on a rejected AUTH happens in
 * {@link TokenSmtpTransport}. Thread-safe.
 */
final class SmtpDelivery implements Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpDelivery.class);

  private final SmtpServer server;
  private final Session session;
  private final Clock clock;
  private final MailEvents events;
  private final Map<String, SmtpPool> pools = new ConcurrentHashMap<>();

  SmtpDelivery(SmtpServer server, DeliveryContext context) {
    this.server = server;
    this.session = MailSessions.session(server, context.tokens(), new Properties());
    this.clock = context.clock();
    this.events = context.events();
  }

  @Override
  public SendResult deliver(Submission submission) throws MailtokenException {
    String account = submission.account();
    Address[] recipients = submission.smtpRecipients();
    MimeMessage message = submission.smtpMessage();
    SmtpPool pool = pools.computeIfAbsent(account, a -> new SmtpPool(a, server, session, clock, events));
    for (int round = 0; ; round++) {
      PooledConnection c = pool.borrow();
      boolean healthy = false;
      try {
        c.transport().sendMessage(message, recipients);
        healthy = true;
        String reply = String.valueOf(c.transport().getLastServerResponse()).trim();
        return new SendResult(account, submission.messageId(), reply, server.name());
      } catch (MessagingException e) {
        boolean dataSent = c.transport().dataSent();
        if (round == 0 && SmtpFailures.connectionDropped(e, dataSent)) {
          LOG.debug("SMTP connection dropped before the data, reconnecting once account={}", account);
          continue;
        }
        MailtokenException failure = SmtpFailures.of(account, e, c.transport().dataEnded());
        healthy = failure instanceof RecipientRejectedException;
        throw failure;
      } finally {
        pool.release(c, healthy);
      }
    }
  }

  @Override
  public String transport() {
    return server.name();
  }

  @Override
  public void close() {
    pools.values().forEach(SmtpPool::close);
  }
}
