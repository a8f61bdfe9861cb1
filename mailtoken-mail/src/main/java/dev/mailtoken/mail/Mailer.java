package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.internal.DaemonThreads;
import dev.mailtoken.token.TokenManager;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends mail as OAuth2 accounts over SMTP (XOAUTH2/OAUTHBEARER), the Gmail API or Microsoft
 * Graph, with tokens from one shared {@link TokenManager}: {@link MimeMessage}s, or raw message
 * bytes with their {@link Envelope}, sent as they are.
 *
 * <p>The mailer routes: the account is the message's {@code From} address (the envelope's sender
 * for raw bytes), or given per message, by address or with per-message {@link Credentials} that
 * register it on first use; each account uses its own transport if one was set, else the default.
 * A transport asks for the token of its resource: SMTP the account's own, Graph a Graph token
 * ({@link GraphApi#scopes()}), so one account can send over both. What happens next is the transport's: SMTP connections are pooled per (account,
 * server) up to {@link SmtpServer#poolSize()}, so two users' credentials never share a connection.
 * A rejected token is renewed once through {@link TokenManager#renew} and the operation retried
 * once; a connection the server dropped before the message data was sent, or closed during AUTH
 * before answering (not a rejection: the token is not renewed), is replaced and the send retried
 * once; nothing is retried after the data was sent (no duplicates).
 *
 * <p>Thread-safe: one mailer per process. Failures are typed {@link MailtokenException}s:
 * {@link AuthenticationRejectedException}, {@link SmtpAuthDisabledException},
 * {@link SendingLimitException}, {@link ConnectionLimitException},
 * {@link PlaintextAuthRefusedException}, {@link SmtpSecurityMismatchException},
 * {@link MechanismNotOfferedException}, {@link dev.mailtoken.UntrustedCertificateException},
 * {@link RecipientRejectedException}, {@link SmtpFailureException}, {@link MailApiException}, and the
 * token manager's own
 * (reauthorization required, {@code TokenNotRenewableException} for a rejected fixed token,
 * transient). {@link #close()} closes pooled connections and the async executor if the mailer
 * created it.
 *
 * <p>{@linkplain MailerBuilder#listener Listeners} get a {@link SendEvent} for each send that
 * reaches a transport ({@code Sent} or {@code Failed}) and for each token the server rejected
 * ({@code TokenRejected}, before the renewal's outcome), on the sending thread.
 */
public final class Mailer implements AutoCloseable {
  private final TokenManager tokens;
  private final Delivery defaultDelivery;
  private final Map<String, Delivery> perAccount;
  private final List<Delivery> deliveries;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final Session plainSession = Session.getInstance(new Properties());
  private final MimeSerializer mime = new MimeSerializer();
  private final MailEvents events;
  private volatile boolean closed;

  Mailer(MailerBuilder b) {
    this.tokens = b.tokenManager;
    this.events = new MailEvents(b.listeners, b.clock);
    DeliveryContext context = new DeliveryContext(TokenAccess.of(b.tokenManager), b.clock, b.httpTimeout,
        b.httpSslContext, events);
    // One delivery stage per transport instance: a transport set for several accounts shares its pools.
    Map<MailTransport, Delivery> opened = new IdentityHashMap<>();
    this.defaultDelivery = b.defaultTransport == null ? null
        : opened.computeIfAbsent(b.defaultTransport, t -> t.openDelivery(context));
    Map<String, Delivery> routes = new HashMap<>();
    b.perAccount.forEach((account, t) -> routes.put(account, opened.computeIfAbsent(t, x -> x.openDelivery(context))));
    this.perAccount = Map.copyOf(routes);
    this.deliveries = List.copyOf(opened.values());
    this.ownedExecutor = b.executor == null ? Executors.newCachedThreadPool(DaemonThreads.named("mailtoken-mailer")) : null;
    this.executor = b.executor != null ? b.executor : ownedExecutor;
  }

  /** A builder; needs a token manager and a transport. */
  public static MailerBuilder builder() {
    return new MailerBuilder();
  }

  /** Sends as the message's {@code From} address. */
  public SendResult send(MimeMessage message) throws MailtokenException {
    return send(message, MimeSerializer.fromAddress(message));
  }

  /** Sends as {@code account} (per-message authentication). */
  public SendResult send(MimeMessage message, String account) throws MailtokenException {
    Objects.requireNonNull(message, "message");
    Delivery delivery = route(account);
    return mime.during(() -> reported(delivery, account,
        () -> delivery.deliver(new MimeSubmission(account, message, MimeSerializer.prepare(message)))));
  }

  /**
   * Sends as the account of per-message {@code credentials} (Nodemailer's per-message
   * {@code auth}): the first send registers it with the token manager, later ones reuse its
   * cached, refreshed and rotated tokens (see {@link Credentials}).
   *
   * @throws IllegalStateException when the grant needs an OAuth client the token manager lacks
   */
  public SendResult send(MimeMessage message, Credentials credentials) throws MailtokenException {
    Objects.requireNonNull(message, "message");
    return send(message, enroll(credentials));
  }

  /**
   * Sends raw message bytes as the envelope's sender: see {@link #send(Envelope, byte[], String)}.
   */
  public SendResult send(Envelope envelope, byte[] message) throws MailtokenException {
    Objects.requireNonNull(envelope, "envelope");
    return send(envelope, message, envelope.sender());
  }

  /**
   * Sends raw message bytes as {@code account}, without parsing them into a {@link MimeMessage}.
   *
   * <p>Over SMTP the bytes go out as they are, after {@code MAIL FROM} the envelope's sender and a
   * {@code RCPT TO} per envelope recipient (pipelined when the server allows): lines keep their
   * CRLF endings and 8-bit bytes, a line starting with a dot is dot-stuffed on the wire, and a
   * message not ending in CRLF gets one. Header fields are not touched: a {@code Bcc} field in the
   * bytes is delivered as it is, so leave Bcc recipients out of the headers and in the envelope.
   * The HTTP APIs deliver to the recipients the headers name: envelope recipients the headers do
   * not name are added in a {@code Bcc} field (which the API removes), and a message whose headers
   * name recipients the envelope does not is refused ({@link IllegalArgumentException}). The
   * {@link SendResult#messageId()} is the bytes' {@code Message-ID}, empty when they have none.
   * Renewal and retries are those of a {@code MimeMessage} send. The bytes are not copied: do not
   * change them until this returns.
   *
   * @throws IllegalArgumentException when the message is empty, or (HTTP APIs) its headers and
   *     the envelope disagree
   */
  public SendResult send(Envelope envelope, byte[] message, String account) throws MailtokenException {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(message, "message");
    if (message.length == 0) {
      throw new IllegalArgumentException("the message is empty: give its header fields and body as bytes");
    }
    Delivery delivery = route(account);
    return reported(delivery, account, () -> delivery.deliver(new RawSubmission(account, envelope, message, plainSession)));
  }

  /** Runs one delivery and tells the listeners how it ended (a typed failure, or success). */
  private SendResult reported(Delivery delivery, String account,
      StreamProviderLookup.Action<SendResult, MailtokenException> deliver) throws MailtokenException {
    Instant start = events.start();
    SendResult result;
    try {
      result = deliver.run();
    } catch (MailtokenException e) {
      events.failed(account, delivery.transport(), start, e);
      throw e;
    }
    events.sent(account, delivery.transport(), start);
    return result;
  }

  /** {@link #send(Envelope, byte[], String)} as the account of per-message {@code credentials}. */
  public SendResult send(Envelope envelope, byte[] message, Credentials credentials) throws MailtokenException {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(message, "message");
    return send(envelope, message, enroll(credentials));
  }

  /** {@link #send(MimeMessage)} on the mailer's executor; failures complete the future exceptionally. */
  public CompletableFuture<SendResult> sendAsync(MimeMessage message) {
    return async(() -> send(message));
  }

  /** {@link #send(MimeMessage, String)} on the mailer's executor. */
  public CompletableFuture<SendResult> sendAsync(MimeMessage message, String account) {
    return async(() -> send(message, account));
  }

  /** {@link #send(MimeMessage, Credentials)} on the mailer's executor. */
  public CompletableFuture<SendResult> sendAsync(MimeMessage message, Credentials credentials) {
    return async(() -> send(message, credentials));
  }

  /** Registers the credentials' account unless the token manager knows it already; its address. */
  private String enroll(Credentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    if (closed) {
      throw new IllegalStateException("this Mailer is closed");
    }
    if (credentials.accessToken().isPresent()) {
      tokens.registerIfAbsent(credentials.account(), credentials.accessToken().get());
    } else {
      tokens.registerIfAbsent(credentials.account());
    }
    return credentials.user();
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

  /** The delivery stage of the account's transport. */
  private Delivery route(String account) {
    Objects.requireNonNull(account, "account");
    if (closed) {
      throw new IllegalStateException("this Mailer is closed");
    }
    Delivery d = perAccount.getOrDefault(account, defaultDelivery);
    if (d == null) {
      throw new IllegalArgumentException("no transport for account " + account
          + ": set Mailer.builder().transport(..) or transport(\"" + account + "\", ..)");
    }
    return d;
  }

  /** Closes pooled connections (in-flight sends finish first on their own connection). Idempotent. */
  @Override
  public void close() {
    closed = true;
    deliveries.forEach(Delivery::close);
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }
}
