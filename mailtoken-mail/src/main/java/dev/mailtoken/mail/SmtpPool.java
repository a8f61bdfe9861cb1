package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.TransientException;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections for one (account, server): at most {@code poolSize} at once (callers beyond that
 * wait), reused most-recently-used first. Waiting callers are not served in strict arrival order: a
 * thread that returns a connection and asks again may take one at once. A fair queue handed every
 * returned connection to a parked waiter, so with more senders than connections each send cost a
 * park and a wake-up (1.14 parks per message with 10 senders on 5 connections in the pooled-send
 * benchmark, 0.52 without the hand-off) and throughput swung with thread scheduling (rounds 1.5
 * to 1.8 apart, against 1.1 to 1.3). A connection idle longer than the idle timeout, or
 * authenticated with a token that expires within {@link #SESSION_MARGIN} (the server would drop it,
 * T-C-07), is closed instead of reused. Thread-safe.
 */
final class SmtpPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpPool.class);

  /** How long before its token expires a pooled connection stops being reused. */
  static final Duration SESSION_MARGIN = Duration.ofSeconds(60);

  private final String account;
  private final SmtpServer server;
  private final Session session;
  private final Clock clock;
  private final MailEvents events;
  private final Semaphore permits;
  private final Deque<PooledConnection> idle = new ArrayDeque<>();
  private boolean closed;

  SmtpPool(String account, SmtpServer server, Session session, Clock clock, MailEvents events) {
    this.account = account;
    this.server = server;
    this.session = session;
    this.clock = clock;
    this.events = events;
    this.permits = new Semaphore(server.poolSize(), false);
  }

  /** A connected, authenticated connection; give it back with {@link #release}. */
  PooledConnection borrow() throws MailtokenException {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted waiting for an SMTP connection for " + account, account, null, null, e);
    }
    try {
      PooledConnection reused = reusable();
      return reused != null ? reused : open();
    } catch (MailtokenException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  /** Returns a connection; a broken one (or any after {@link #close}) is closed. */
  void release(PooledConnection c, boolean healthy) {
    boolean keep;
    synchronized (this) {
      keep = healthy && !closed;
      if (keep) {
        c.lastUsed(clock.instant());
        idle.push(c);
      }
    }
    if (!keep) {
      c.closeQuietly();
    }
    permits.release();
  }

  private PooledConnection reusable() {
    Instant now = clock.instant();
    while (true) {
      PooledConnection c;
      synchronized (this) {
        c = idle.poll();
      }
      if (c == null) {
        return null;
      }
      boolean idleTooLong = now.isAfter(c.lastUsed().plus(server.idleTimeout()));
      // Retired a little before the token expires, not at the last millisecond: the server may end an
      // OAuth session when its token expires (T-C-07), and a send takes time.
      boolean tokenExpired = c.transport().authenticatedWith()
          .map(t -> t.isExpiredAt(now.plus(SESSION_MARGIN))).orElse(true);
      // Closed while in use (say, a refusal whose RSET failed) yet returned as healthy: never hand it out.
      boolean gone = !c.transport().socketOpen();
      if (!idleTooLong && !tokenExpired && !gone) {
        return c;
      }
      LOG.debug("closing pooled SMTP connection account={} idleTooLong={} tokenExpired={} closed={}", account,
          idleTooLong, tokenExpired, gone);
      c.closeQuietly();
    }
  }

  private PooledConnection open() throws MailtokenException {
    TokenSmtpTransport transport;
    try {
      transport = (TokenSmtpTransport) session.getTransport("smtp");
    } catch (NoSuchProviderException e) {
      throw new IllegalStateException("Jakarta Mail has no smtp provider", e);
    }
    try {
      transport.connect(server.host(), server.port(), account, null);
    } catch (MessagingException e) {
      throw SmtpFailures.of(account, e, false);
    } finally {
      // Reported here, not from inside connect: Angus holds the transport's monitor there.
      if (transport.renewedAfterRejection()) {
        events.tokenRejected(account, server.name());
      }
    }
    LOG.debug("opened SMTP connection account={} server={}:{}", account, server.host(), server.port());
    return new PooledConnection(transport, clock.instant());
  }

  @Override
  public void close() {
    Deque<PooledConnection> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(PooledConnection::closeQuietly);
  }
}
