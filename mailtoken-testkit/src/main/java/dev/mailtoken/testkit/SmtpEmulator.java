package dev.mailtoken.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP submission server on 127.0.0.1 (ephemeral port) that behaves like Gmail's or Exchange
 * Online's: EHLO capabilities, STARTTLS or implicit TLS with a generated self-signed certificate,
 * SASL XOAUTH2 and OAUTHBEARER validated against a {@link ProviderEmulator}, and their exact
 * failure dialogues. Accepted messages and every AUTH exchange are recorded.
 *
 * <pre>{@code
 * try (SmtpEmulator smtp = SmtpEmulator.builder(provider).start()) {
 *   // point the client at smtp.host():smtp.port(), trusting smtp.clientSslContext()
 *   assertThat(smtp.messages()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Written by hand on plain and {@link javax.net.ssl.SSLSocket}s rather than on subethasmtp: the
 * exact dialogues (Gmail's {@code 334 <JSON>}-then-535, the 432 past N sessions, byte-exact EHLO
 * lines, 421 on an expired session) need control a generic server does not give, and a hand-written
 * server adds no dependency to this named module.
 *
 * <p>Thread-safe: one thread per connection from a cached pool; every method may be called from any
 * thread. Token expiry, aged sessions and the daily limit's 24-hour window read the injected clock;
 * only {@link SmtpFaults#slowReplies} uses real time. Never logs a token. {@link #close()} cuts every
 * open connection.
 */
public final class SmtpEmulator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SmtpEmulator.class);

  private final SmtpSettings settings;
  private final SmtpReplies replies;
  private final SmtpAccess access;
  private final SmtpFaults faults = new SmtpFaults();
  private final SelfSignedCertificate certificate;
  private final SSLContext serverTls;
  private final SSLContext clientTls;
  private final List<ReceivedMessage> messages = new ArrayList<>();
  private final List<AuthAttempt> attempts = new ArrayList<>();
  private final Map<String, Integer> dailyLimits = new ConcurrentHashMap<>();
  private final Set<String> unknownRecipients = ConcurrentHashMap.newKeySet();
  private final Set<SmtpSession> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicLong connections = new AtomicLong();
  private final ExecutorService pool;
  private ServerSocket server;
  private volatile boolean closed;

  SmtpEmulator(ProviderEmulator provider, SmtpSettings settings) {
    this.settings = settings;
    this.replies = new SmtpReplies(settings.style(), settings.requiredScope(), settings.clock(), settings.authMechanisms());
    this.access = new SmtpAccess(provider, settings);
    this.certificate = SelfSignedCertificate.generate();
    this.serverTls = certificate.serverContext();
    this.clientTls = certificate.clientContext();
    this.pool = Executors.newCachedThreadPool(new DaemonThreads("smtp-emulator"));
  }

  /** A builder validating tokens with {@code provider.introspect(token)}. */
  public static SmtpEmulatorBuilder builder(ProviderEmulator provider) {
    return new SmtpEmulatorBuilder(provider);
  }

  SmtpEmulator start() {
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    } catch (IOException e) {
      pool.shutdownNow();
      throw new UncheckedIOException("cannot bind the SMTP emulator to 127.0.0.1", e);
    }
    pool.execute(this::acceptLoop);
    log.info("SMTP emulator ({}, {}) listening on {}:{}", settings.style(), settings.tls(), host(), port());
    return this;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        SmtpSession session = new SmtpSession(this, socket);
        sessions.add(session);
        connections.incrementAndGet();
        if (closed) { // close() ran between accept and add: it did not see this session
          sessions.remove(session);
          socket.close();
          continue;
        }
        try {
          pool.execute(session);
        } catch (RejectedExecutionException e) {
          sessions.remove(session);
          socket.close();
        }
      } catch (IOException e) {
        if (!closed) {
          log.warn("SMTP emulator accept failed: {}", e.toString());
        }
      }
    }
  }

  /** {@code 127.0.0.1}. */
  public String host() {
    return "127.0.0.1";
  }

  /** The bound port. */
  public int port() {
    return server.getLocalPort();
  }

  /** The style in effect (after defaults). */
  public SmtpStyle style() {
    return settings.style();
  }

  /** The TLS mode in effect. */
  public TlsMode tlsMode() {
    return settings.tls();
  }

  /** A client TLS context that trusts only this emulator's self-signed certificate. */
  public SSLContext clientSslContext() {
    return clientTls;
  }

  /** The self-signed certificate generated at start (SAN {@code localhost} and IP {@code 127.0.0.1}). */
  public X509Certificate certificate() {
    return certificate.certificate();
  }

  /** Messages accepted so far, in order. */
  public synchronized List<ReceivedMessage> messages() {
    return List.copyOf(messages);
  }

  /** Every AUTH exchange so far, in order (recorded before its final reply is sent). */
  public synchronized List<AuthAttempt> authAttempts() {
    return List.copyOf(attempts);
  }

  /** Fault injection. */
  public SmtpFaults faults() {
    return faults;
  }

  /**
   * After {@code messages} accepted messages of {@code user} within the last 24 hours (by the
   * emulator clock), further sends are refused: Gmail {@code 550-5.4.5 Daily user sending limit
   * exceeded...} at MAIL FROM; Exchange {@code 554 5.2.0 ...SubmissionQuotaExceededException...} at
   * the end of DATA. {@link #clear()} forgets the counted messages, not the limit.
   */
  public void dailyLimit(String user, int messages) {
    Objects.requireNonNull(user, "user");
    if (messages < 0) {
      throw new IllegalArgumentException("messages must not be negative, got " + messages);
    }
    dailyLimits.put(user.toLowerCase(Locale.ROOT), messages);
  }

  /**
   * {@code RCPT TO:<address>} is refused from now on as a mailbox that does not exist (case-insensitive):
   * Gmail {@code 550-5.1.1 The email account that you tried to reach does not exist...}; Exchange
   * {@code 550 5.1.10 RESOLVER.ADR.RecipientNotFound...}. The session stays usable. {@link #clear()} keeps it.
   */
  public void rejectRecipient(String address) {
    unknownRecipients.add(Objects.requireNonNull(address, "address").toLowerCase(Locale.ROOT));
  }

  /** EXCHANGE style: AUTH for {@code mailbox} gets {@code 535 5.7.139 ... disabled for the Mailbox.} */
  public void disableSmtpAuth(String mailbox) {
    requireExchange("disableSmtpAuth");
    access.disableMailbox(Objects.requireNonNull(mailbox, "mailbox"));
  }

  /** EXCHANGE style: every AUTH gets {@code 535 5.7.139 ... disabled for the Tenant.} */
  public void disableSmtpAuthForTenant() {
    requireExchange("disableSmtpAuthForTenant");
    access.disableTenant();
  }

  private void requireExchange(String method) {
    if (settings.style() != SmtpStyle.EXCHANGE) {
      throw new IllegalStateException(method + " is an Exchange Online switch; this emulator's style is "
          + settings.style());
    }
  }

  /** Connections open now. */
  public int activeConnections() {
    return sessions.size();
  }

  /** Connections accepted since start (or the last {@link #clear()}). */
  public long connectionCount() {
    return connections.get();
  }

  /** Forgets recorded messages and AUTH attempts and resets the connection counter. Settings stay. */
  public synchronized void clear() {
    messages.clear();
    attempts.clear();
    connections.set(0);
  }

  /** Stops accepting, closes every open connection and the threads. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      log.debug("Closing the SMTP server socket failed: {}", e.toString());
    }
    sessions.forEach(SmtpSession::close);
    pool.shutdownNow();
    log.info("SMTP emulator on {}:{} stopped", host(), server.getLocalPort());
  }

  @Override
  public String toString() {
    return "SmtpEmulator[" + settings.style() + ", " + settings.tls() + ", " + host() + ":" + server.getLocalPort() + "]";
  }

  SmtpSettings settings() {
    return settings;
  }

  SmtpReplies replies() {
    return replies;
  }

  SmtpAccess access() {
    return access;
  }

  SSLContext serverTls() {
    return serverTls;
  }

  synchronized void received(ReceivedMessage message) {
    messages.add(message);
  }

  synchronized void attempted(AuthAttempt attempt) {
    attempts.add(attempt);
  }

  boolean unknownRecipient(String address) {
    return unknownRecipients.contains(address.toLowerCase(Locale.ROOT));
  }

  synchronized boolean overDailyLimit(String user) {
    Integer limit = dailyLimits.get(user.toLowerCase(Locale.ROOT));
    if (limit == null) {
      return false;
    }
    Instant since = settings.clock().instant().minus(Duration.ofDays(1));
    long sent = messages.stream()
        .filter(m -> m.authenticatedUser().equalsIgnoreCase(user) && m.receivedAt().isAfter(since)).count();
    return sent >= limit;
  }

  void ended(SmtpSession session) {
    session.releaseSlot();
    sessions.remove(session);
  }
}
