package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link MimeMessage}s as OAuth2 accounts over SMTP (XOAUTH2/OAUTHBEARER), the Gmail API or
 * Microsoft Graph, with tokens from one shared {@link TokenManager}.
 *
 * <p>The account is the message's {@code From} address, or given per message. Each account uses
 * its own transport if one was set, else the default. SMTP connections are pooled per (account,
 * server) up to {@link SmtpServer#poolSize()}; the pool key includes the account, so two users'
 * credentials never share a connection. A rejected token is renewed once through
 * {@link TokenManager#renew} and the operation retried once; a connection the server dropped
 * before the message data was sent is replaced and the send retried once; nothing is retried
 * after the data was sent (no duplicates).
 *
 * <p>Thread-safe: one mailer per process. Failures are typed {@link MailtokenException}s:
 * {@link AuthenticationRejectedException}, {@link SmtpAuthDisabledException},
 * {@link SendingLimitException}, {@link ConnectionLimitException},
 * {@link PlaintextAuthRefusedException}, {@link RecipientRejectedException},
 * {@link SmtpFailureException}, {@link MailApiException}, and the token manager's own
 * (reauthorization required, {@code TokenNotRenewableException} for a rejected fixed token,
 * transient). {@link #close()} closes pooled connections and the async executor if the mailer
 * created it.
 */
public final class Mailer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

  private final Credentials credentials;
  private final MailTransport defaultTransport;
  private final Map<String, MailTransport> perAccount;
  private final Clock clock;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final HttpMailSender http;
  private final Session plainSession = Session.getInstance(new Properties());
  private final Map<SmtpServer, Session> sessions = new ConcurrentHashMap<>();
  private final Map<PoolKey, SmtpPool> pools = new ConcurrentHashMap<>();
  private final StreamProviderLookup.Shortcut lookupShortcut = new StreamProviderLookup.Shortcut();
  private volatile boolean closed;

  private Mailer(Builder b) {
    this.credentials = Credentials.of(b.tokenManager);
    this.defaultTransport = b.defaultTransport;
    this.perAccount = Map.copyOf(b.perAccount);
    this.clock = b.clock;
    this.ownedExecutor = b.executor == null ? Executors.newCachedThreadPool(daemonThreads()) : null;
    this.executor = b.executor != null ? b.executor : ownedExecutor;
    this.http = new HttpMailSender(credentials, b.httpTimeout, b.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Sends as the message's {@code From} address. */
  public SendResult send(MimeMessage message) throws MailtokenException {
    return send(message, fromAddress(message));
  }

  /** Sends as {@code account} (per-message authentication). */
  public SendResult send(MimeMessage message, String account) throws MailtokenException {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(account, "account");
    if (closed) {
      throw new IllegalStateException("this Mailer is closed");
    }
    MailTransport transport = transportFor(account);
    // Serialising a MimeMessage costs a class-path scan per message unless short-cut: see StreamProviderLookup.
    return lookupShortcut.during(() -> sendNow(message, account, transport));
  }

  private SendResult sendNow(MimeMessage message, String account, MailTransport transport) throws MailtokenException {
    String messageId = prepare(message);
    if (transport instanceof SmtpServer) {
      return sendSmtp(message, account, (SmtpServer) transport, messageId);
    }
    String reply = http.send(transport, account, mime(message));
    return new SendResult(account, messageId, reply, transport.name());
  }

  /** {@link #send(MimeMessage)} on the mailer's executor; failures complete the future exceptionally. */
  public CompletableFuture<SendResult> sendAsync(MimeMessage message) {
    return async(() -> send(message));
  }

  /** {@link #send(MimeMessage, String)} on the mailer's executor. */
  public CompletableFuture<SendResult> sendAsync(MimeMessage message, String account) {
    return async(() -> send(message, account));
  }

  private CompletableFuture<SendResult> async(StreamProviderLookup.Action<SendResult, MailtokenException> send) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return send.run();
      } catch (MailtokenException e) {
        throw new CompletionException(e);
      }
    }, executor);
  }

  /** A new message on a plain session, for building messages to pass to {@code send}. */
  public MimeMessage newMessage() {
    return new MimeMessage(plainSession);
  }

  private SendResult sendSmtp(MimeMessage message, String account, SmtpServer server, String messageId)
      throws MailtokenException {
    Address[] recipients = recipients(message);
    SmtpPool pool = pools.computeIfAbsent(new PoolKey(account, server),
        k -> new SmtpPool(account, server, sessionFor(server), clock));
    for (int round = 0; ; round++) {
      PooledConnection c = pool.borrow();
      boolean healthy = false;
      try {
        c.transport().sendMessage(message, recipients);
        healthy = true;
        return new SendResult(account, messageId, String.valueOf(c.transport().getLastServerResponse()).trim(), "smtp");
      } catch (MessagingException e) {
        boolean dataSent = c.transport().dataSent();
        if (round == 0 && SmtpFailures.connectionDropped(e, dataSent)) {
          LOG.debug("SMTP connection dropped before the data, reconnecting once account={}", account);
          continue;
        }
        MailtokenException failure = SmtpFailures.of(account, e, dataSent);
        healthy = failure instanceof RecipientRejectedException;
        throw failure;
      } finally {
        pool.release(c, healthy);
      }
    }
  }

  private Session sessionFor(SmtpServer server) {
    return sessions.computeIfAbsent(server, s -> MailSessions.session(s, credentials, new Properties()));
  }

  private MailTransport transportFor(String account) {
    MailTransport t = perAccount.getOrDefault(account, defaultTransport);
    if (t == null) {
      throw new IllegalArgumentException("no transport for account " + account
          + ": set Mailer.builder().transport(..) or transport(\"" + account + "\", ..)");
    }
    return t;
  }

  private static String prepare(MimeMessage message) throws MailtokenException {
    try {
      if (message.getMessageID() == null) {
        message.saveChanges();
      }
      return message.getMessageID();
    } catch (MessagingException e) {
      throw new MailtokenException("the message cannot be prepared for sending: " + e.getMessage(), e);
    }
  }

  private static Address[] recipients(MimeMessage message) throws MailtokenException {
    try {
      Address[] all = message.getAllRecipients();
      if (all == null || all.length == 0) {
        throw new IllegalArgumentException("the message has no recipients (To, Cc or Bcc)");
      }
      return all;
    } catch (MessagingException e) {
      throw new MailtokenException("the message's recipients cannot be read: " + e.getMessage(), e);
    }
  }

  private static String fromAddress(MimeMessage message) throws MailtokenException {
    try {
      Address[] from = message.getFrom();
      if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress)) {
        throw new IllegalArgumentException("the message has no From address; set one or pass the account to send(..)");
      }
      return ((InternetAddress) from[0]).getAddress();
    } catch (MessagingException e) {
      throw new MailtokenException("the message's From address cannot be read: " + e.getMessage(), e);
    }
  }

  private static byte[] mime(MimeMessage message) throws MailtokenException {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      message.writeTo(out);
      return out.toByteArray();
    } catch (IOException | MessagingException e) {
      throw new MailtokenException("the message cannot be serialised: " + e.getMessage(), e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "mailtoken-mailer");
      t.setDaemon(true);
      return t;
    };
  }

  /** Closes pooled connections (in-flight sends finish first on their own connection). Idempotent. */
  @Override
  public void close() {
    closed = true;
    pools.values().forEach(SmtpPool::close);
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }

  private record PoolKey(String account, SmtpServer server) {
  }

  /**
   * Configures a {@link Mailer}. Required: {@link #tokenManager} and at least one transport
   * (a default or a per-account one). Not thread-safe.
   */
  public static final class Builder {
    private TokenManager tokenManager;
    private MailTransport defaultTransport;
    private final Map<String, MailTransport> perAccount = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private Executor executor;
    private Duration httpTimeout = Duration.ofSeconds(30);

    private Builder() {
    }

    /** The one token cache shared by all accounts and connections. */
    public Builder tokenManager(TokenManager tokenManager) {
      this.tokenManager = Objects.requireNonNull(tokenManager, "tokenManager");
      return this;
    }

    /** The transport of every account without its own. */
    public Builder transport(MailTransport transport) {
      this.defaultTransport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** The transport of one account. */
    public Builder transport(String account, MailTransport transport) {
      perAccount.put(Objects.requireNonNull(account, "account"), Objects.requireNonNull(transport, "transport"));
      return this;
    }

    /** For pool idle and token-expiry decisions; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where {@code sendAsync} runs; default a cached pool of daemon threads, shut down by close(). */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Connect and request timeout of the HTTP transports; default 30 s. */
    public Builder httpTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("httpTimeout must be positive, was " + timeout);
      }
      this.httpTimeout = timeout;
      return this;
    }

    /** @throws IllegalStateException when the token manager or every transport is missing */
    public Mailer build() {
      if (tokenManager == null) {
        throw new IllegalStateException("Mailer needs tokenManager(..): the shared token cache");
      }
      if (defaultTransport == null && perAccount.isEmpty()) {
        throw new IllegalStateException("Mailer needs a transport: transport(SmtpServer/GmailApi/GraphApi)"
            + " or transport(account, ..)");
      }
      return new Mailer(this);
    }
  }
}
