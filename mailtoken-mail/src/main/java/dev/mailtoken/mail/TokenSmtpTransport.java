package dev.mailtoken.mail;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.token.AccessToken;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Angus's SMTP transport, authenticating with a bearer token from the session's credentials
 * (see {@link MailSessions}): it fetches the token, refuses to offer it without TLS (unless
 * plaintext is allowed for a loopback host), and on a rejection renews the token once and
 * reconnects once; the renewal's {@link dev.mailtoken.token.TokenEvent.Issued} event carries the
 * server's reply and decoded error challenge ({@link dev.mailtoken.token.Rejection}). Reply {@code 535 5.7.139} (SMTP
 * AUTH disabled) is never retried.
 *
 * <p>When the server advertises {@code PIPELINING} and {@link SmtpServer#pipelining()} is on, a
 * simple send (see {@link SmtpPipeline}) writes MAIL, RCPT and DATA before reading their replies
 * (RFC 2920); Angus then reads and judges each reply as it always does, so failures are the same
 * exceptions as without pipelining. A server that enters data mode for a refused envelope gets its
 * connection closed (nothing is sent).
 *
 * <p>Jakarta Mail instantiates it by name ({@code mail.smtp.class}), hence public. Failures are
 * {@link MessagingException}s whose cause is the typed {@link MailtokenException}. Like every
 * Jakarta Mail transport it is used by one thread at a time.
 */
public class TokenSmtpTransport extends SMTPTransport {
  static final String SERVER_PROPERTY = "dev.mailtoken.mail.server";
  private static final Logger LOG = LoggerFactory.getLogger(TokenSmtpTransport.class);

  /** Set by {@link MailSessions}; null on a session made some other way (then nothing is pipelined). */
  private final SmtpServer server;
  private volatile AccessToken authenticatedWith;
  private volatile SaslMechanism authenticatedMechanism;
  /** The AUTH exchange in progress on this connection, if any. */
  private volatile SaslAttempt authenticating;
  /** What the server might echo of this connection's AUTH exchanges (see {@link AuthEcho}). */
  private volatile List<String> authSecrets = List.of();
  private final DataPhase data = new DataPhase();
  /** Whether the last connect renewed a rejected token (read after connect, by the same thread). */
  private volatile boolean renewed;
  private volatile boolean open;
  /** Whether the current connection got its greeting. */
  private volatile boolean greeted;
  /** The AUTH capability of the current connection's last EHLO, or null. */
  private volatile String offeredAuth;
  private SmtpPipeline pipeline;

  public TokenSmtpTransport(Session session, URLName url) {
    super(session, url);
    this.server = (SmtpServer) session.getProperties().get(SERVER_PROPERTY);
  }

  @Override
  protected synchronized boolean protocolConnect(String host, int port, String user, String password)
      throws MessagingException {
    renewed = false;
    Properties props = session.getProperties();
    Object creds = props.get(TokenAccess.PROPERTY);
    if (!(creds instanceof TokenAccess)) {
      return super.protocolConnect(host, port, user, password);
    }
    String account = user != null ? user : session.getProperty("mail.smtp.user");
    if (account == null) {
      throw new MessagingException("no account to authenticate as: set mail.smtp.user or pass the user to connect");
    }
    if (server.security() == SmtpSecurity.NONE && !server.plaintextAuthAllowed()) {
      throw wrap(new PlaintextAuthRefusedException(account, host));
    }
    SmtpConnectFailures failures = new SmtpConnectFailures(account, host + ":" + port, server);
    AccessToken token = SmtpTokens.token((TokenAccess) creds, account, null, null);
    boolean reconnected = false;
    while (true) {
      SaslAttempt attempt = attempt(props, token);
      if (authenticate(host, port, account, attempt, failures)) {
        authenticatedWith = token;
        authenticatedMechanism = attempt.mechanism().orElse(null);
        return true;
      }
      if (attempt.refusedPlaintext()) {
        throw wrap(new PlaintextAuthRefusedException(account, host));
      }
      if (getLastReturnCode() <= 0) {
        // Closed or reset during AUTH, before any answer: the connection failed, not the token.
        if (!reconnected) {
          reconnected = true;
          LOG.debug("SMTP connection lost during AUTH, reconnecting once account={}", account);
          continue;
        }
        throw wrap(new SmtpFailureException(account, "the server " + host + ":" + port + " closed the connection"
            + " during AUTH, before answering (twice); nothing was sent", null));
      }
      String reply = String.valueOf(getLastServerResponse());
      throwIfSpecial(account, reply);
      BearerErrorChallenge challenge = attempt.errorChallenge().flatMap(BearerErrorChallenge::parse).orElse(null);
      if (renewed) {
        throw wrap(new AuthenticationRejectedException(account, reply, challenge));
      }
      LOG.debug("token rejected, renewing once account={} token={} reply={}", account,
          token.value().fingerprint(), getLastReturnCode());
      renewed = true;
      token = SmtpTokens.token((TokenAccess) creds, account, token, SmtpTokens.rejection(reply, challenge));
    }
  }

  private SaslAttempt attempt(Properties props, AccessToken token) {
    SaslAttempts attempts = (SaslAttempts) props.get(SaslAttempts.PROPERTY);
    SaslAttempt attempt = new SaslAttempt(attempts.newHandle(), token, server.plaintextAuthAllowed(), this);
    attempts.add(attempt);
    return attempt;
  }

  /** One connection and AUTH exchange; a failure to connect becomes the typed exception it is. */
  private boolean authenticate(String host, int port, String account, SaslAttempt attempt,
      SmtpConnectFailures failures) throws MessagingException {
    SaslAttempts attempts = (SaslAttempts) session.getProperties().get(SaslAttempts.PROPERTY);
    authenticating = attempt;
    authSecrets = List.of(attempt.token().value().reveal());
    greeted = false;
    offeredAuth = null;
    try {
      return super.protocolConnect(host, port, account, attempt.handle());
    } catch (MessagingException e) {
      throwIfSpecial(account, getLastServerResponse());
      throw failures.classify(e, greeted, attempt.offeredToken() ? null : offeredAuth);
    } finally {
      attempts.remove(attempt);
      authenticating = null;
      authSecrets = attempt.secrets();
      ConnectingSockets sockets = sockets();
      if (sockets != null) {
        sockets.forget();
      }
    }
  }

  /** The greeting is in: the connection's reads get the read timeout from now on. */
  @Override
  protected void helo(String domain) throws MessagingException {
    greeted();
    super.helo(domain);
  }

  @Override
  protected boolean ehlo(String domain) throws MessagingException {
    greeted();
    boolean ok = super.ehlo(domain);
    offeredAuth = getExtensionParameter("AUTH");
    return ok;
  }

  private void greeted() {
    greeted = true;
    ConnectingSockets sockets = sockets();
    if (sockets != null && server != null) {
      sockets.greeted(server.readTimeout());
    }
  }

  private ConnectingSockets sockets() {
    Object s = session.getProperties().get(ConnectingSockets.PROPERTY);
    return s instanceof ConnectingSockets ? (ConnectingSockets) s : null;
  }

  /** The last reply, with anything it echoes of the AUTH exchange masked (it reaches messages and debug output). */
  @Override
  public synchronized String getLastServerResponse() {
    SaslAttempt a = authenticating;
    return AuthEcho.mask(super.getLastServerResponse(), a != null ? a.secrets() : authSecrets);
  }

  /** Writes the real SASL response where Angus was handed a stand-in (see {@link BearerSaslClient}). */
  @Override
  protected int simpleCommand(byte[] command) throws MessagingException {
    SaslAttempt a = authenticating;
    byte[] real = a == null ? null : a.release(command);
    return super.simpleCommand(real != null ? real : command);
  }

  /** A reply that means something other than a rejected token (see {@link SmtpReplies#special}) ends the attempt. */
  private void throwIfSpecial(String account, String reply) throws MessagingException {
    Optional<MailtokenException> special = SmtpReplies.special(account, getLastReturnCode(), reply);
    if (special.isPresent()) {
      throw wrap(special.get());
    }
  }

  static MessagingException wrap(MailtokenException e) {
    return new MessagingException(e.getMessage(), e);
  }

  @Override
  public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
    data.reset();
    pipeline = server != null && server.pipelining() && socketOpen()
        ? SmtpPipeline.plan(session, supportsExtension("PIPELINING"), message, addresses).orElse(null)
        : null;
    try {
      super.sendMessage(message, addresses);
    } finally {
      pipeline = null;
    }
  }

  /**
   * Pipelined (RFC 2920): writes MAIL, every RCPT and (one recipient) DATA before reading any reply,
   * then lets Angus issue them as usual; {@link #sendCommand} recognises each as already written.
   */
  @Override
  protected void mailFrom() throws MessagingException {
    SmtpPipeline p = pipeline;
    if (p != null) {
      for (String command : p.commands()) {
        super.sendCommand(command);
      }
    }
    super.mailFrom();
  }

  /** During a pipelined send, a command already written is not written again (see {@link PipelineReplay}). */
  @Override
  protected void sendCommand(String command) throws MessagingException {
    if (!PipelineReplay.alreadyWritten(pipeline, command, super::readServerResponse)) {
      super.sendCommand(command);
    }
  }

  @Override
  protected void setConnected(boolean connected) {
    this.open = connected;
    super.setConnected(connected);
  }

  /** Whether the connection is open as far as this side knows (no NOOP, unlike {@link #isConnected()}). */
  boolean socketOpen() {
    return open;
  }

  @Override
  protected OutputStream data() throws MessagingException {
    return data.dataStarted(super.data());
  }

  @Override
  protected void finishData() throws IOException, MessagingException {
    data.dataFinishing();
    super.finishData();
  }

  @Override
  protected OutputStream bdat() throws MessagingException {
    data.bdatStarted();
    return super.bdat();
  }

  @Override
  protected void finishBdat() throws IOException, MessagingException {
    data.bdatFinishing();
    super.finishBdat();
  }

  /** True once the last send reached DATA/BDAT: it is not retried on another connection after that. */
  boolean dataSent() {
    return data.sent();
  }

  /**
   * True once the last send wrote the end of its data (the final dot, or the last BDAT chunk): only
   * then can a failure without a reply mean the message was delivered anyway.
   */
  boolean dataEnded() {
    return data.ended();
  }

  /**
   * The SASL mechanism this connection authenticated with (the configured one, or the one chosen
   * from the server's EHLO); empty before it authenticated.
   */
  public Optional<SaslMechanism> authenticatedMechanism() {
    return Optional.ofNullable(authenticatedMechanism);
  }

  /** True when the last connect had its token rejected and asked for a new one (the renewal after a rejection). */
  boolean renewedAfterRejection() {
    return renewed;
  }

  /** The token this connection authenticated with, when it did. */
  Optional<AccessToken> authenticatedWith() {
    return Optional.ofNullable(authenticatedWith);
  }
}
