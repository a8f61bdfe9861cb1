package dev.mailtoken.mail;

import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Builds an {@link SmtpServer}; {@code host} is required. Each option may be set once per
 * builder (a second call fails naming the option); values coming from
 * {@link SmtpServer#toBuilder()} may each be replaced once. Defaults are listed on
 * {@link SmtpServer}. Not thread-safe; the built server is.
 */
public final class SmtpServerBuilder {
  String host;
  /** 0: derived from the security (587, 465 for implicit TLS, 25 for none). */
  int port;
  /** null: derived from the port (465 implicit TLS, else STARTTLS). */
  SmtpSecurity security;
  SSLContext sslContext;
  boolean allowPlaintextAuth;
  /** null: chosen per connection from what EHLO advertises. */
  SaslMechanism mechanism;
  int poolSize = 3;
  Duration idleTimeout = Duration.ofSeconds(60);
  Duration connectTimeout = Duration.ofSeconds(10);
  Duration readTimeout = Duration.ofSeconds(60);
  Duration greetingTimeout = Duration.ofSeconds(10);
  boolean pipelining = true;
  private final Set<String> set = new HashSet<>();

  SmtpServerBuilder() {
  }

  private void once(String option) {
    if (!set.add(option)) {
      throw new IllegalStateException(option + " was already set on this SmtpServer builder");
    }
  }

  public SmtpServerBuilder host(String host) {
    once("host");
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    this.host = host;
    return this;
  }

  /** Default: 587, or 465 with implicit TLS, or 25 without TLS. Port 465 alone implies implicit TLS. */
  public SmtpServerBuilder port(int port) {
    once("port");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
    this.port = port;
    return this;
  }

  /**
   * How the connection is encrypted. Default from the port: {@link SmtpSecurity#IMPLICIT_TLS} on
   * 465, else {@link SmtpSecurity#STARTTLS} (required). A server reached in the wrong mode fails
   * fast with {@link SmtpSecurityMismatchException}, which names the other mode.
   */
  public SmtpServerBuilder security(SmtpSecurity security) {
    once("security");
    this.security = Objects.requireNonNull(security, "security");
    return this;
  }

  /** The TLS context for the server's certificate (tests: the emulator's trusting context). */
  public SmtpServerBuilder sslContext(SSLContext sslContext) {
    once("sslContext");
    this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
    return this;
  }

  /** Allows AUTH without TLS with {@link SmtpSecurity#NONE}, honoured only for loopback hosts. */
  public SmtpServerBuilder allowPlaintextAuth(boolean allow) {
    once("allowPlaintextAuth");
    this.allowPlaintextAuth = allow;
    return this;
  }

  /**
   * Always this SASL mechanism. Default: chosen per connection from the {@code AUTH} mechanisms the
   * server's EHLO advertises — {@link SaslMechanism#XOAUTH2} when offered, else
   * {@link SaslMechanism#OAUTHBEARER}. A mechanism the server does not offer fails with
   * {@link MechanismNotOfferedException} before any token is sent.
   */
  public SmtpServerBuilder mechanism(SaslMechanism mechanism) {
    once("mechanism");
    this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
    return this;
  }

  /** Connections per account, at most; default 3 (Exchange Online allows 3). */
  public SmtpServerBuilder poolSize(int poolSize) {
    once("poolSize");
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
    }
    this.poolSize = poolSize;
    return this;
  }

  /** How long a pooled connection may sit unused before it is replaced; default 60 s. */
  public SmtpServerBuilder idleTimeout(Duration idleTimeout) {
    once("idleTimeout");
    this.idleTimeout = positive(idleTimeout, "idleTimeout");
    return this;
  }

  /** Default 10 s. */
  public SmtpServerBuilder connectTimeout(Duration connectTimeout) {
    once("connectTimeout");
    this.connectTimeout = positive(connectTimeout, "connectTimeout");
    return this;
  }

  /** How long to wait for each reply; default 60 s. */
  public SmtpServerBuilder readTimeout(Duration readTimeout) {
    once("readTimeout");
    this.readTimeout = positive(readTimeout, "readTimeout");
    return this;
  }

  /**
   * How long to wait for the server's greeting (with implicit TLS: for the handshake and the
   * greeting) before failing with {@link SmtpSecurityMismatchException}: a server that expects TLS
   * from the first byte never greets a plain connection. Default 10 s. The read timeout applies to
   * every reply after the greeting.
   */
  public SmtpServerBuilder greetingTimeout(Duration greetingTimeout) {
    once("greetingTimeout");
    this.greetingTimeout = positive(greetingTimeout, "greetingTimeout");
    return this;
  }

  /**
   * Pipelines MAIL, RCPT and DATA (RFC 2920) when the server advertises PIPELINING: one round
   * trip instead of three per message. Default true; off, every command waits for its reply.
   */
  public SmtpServerBuilder pipelining(boolean pipelining) {
    once("pipelining");
    this.pipelining = pipelining;
    return this;
  }

  /**
   * @throws IllegalStateException when no host was set, plaintext AUTH was allowed on a server
   *     that uses TLS, or a TLS context was given for a server without TLS
   */
  public SmtpServer build() {
    if (host == null) {
      throw new IllegalStateException("SmtpServer needs a host: call host(..)");
    }
    SmtpSecurity effective = security();
    if (allowPlaintextAuth && effective != SmtpSecurity.NONE) {
      throw new IllegalStateException("allowPlaintextAuth(true) applies only to security(SmtpSecurity.NONE); with "
          + effective + " the token goes over TLS: drop allowPlaintextAuth or set security(NONE) for a loopback server");
    }
    if (sslContext != null && effective == SmtpSecurity.NONE) {
      throw new IllegalStateException("sslContext applies only to a server with TLS; security(NONE) would never use"
          + " it: drop sslContext or choose STARTTLS or IMPLICIT_TLS");
    }
    return new SmtpServer(this);
  }

  /** The security as configured, else from the port (465: implicit TLS, else STARTTLS). */
  SmtpSecurity security() {
    return security != null ? security : port == 465 ? SmtpSecurity.IMPLICIT_TLS : SmtpSecurity.STARTTLS;
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }
}
