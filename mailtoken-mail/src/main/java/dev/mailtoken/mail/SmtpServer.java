package dev.mailtoken.mail;

import dev.mailtoken.oauth.OAuthProvider;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * An SMTP submission server reached with XOAUTH2 or OAUTHBEARER, and how to pool connections to it.
 *
 * <p>Defaults: {@link SmtpSecurity#STARTTLS} (required, capabilities re-read after TLS; on port 465
 * {@link SmtpSecurity#IMPLICIT_TLS}), port 587 (465 for implicit TLS, 25 for none), the SASL
 * mechanism chosen from what EHLO advertises (XOAUTH2 when offered, else OAUTHBEARER), pool of 3
 * connections per account (Exchange Online allows 3 concurrent connections per mailbox), idle
 * timeout 60 s, connect timeout 10 s, greeting timeout 10 s, read timeout 60 s, the JDK's default
 * {@link SSLContext}, pipelining (RFC 2920) when the server advertises it.
 *
 * <p>Failures to connect are typed: a server that does not greet within the greeting timeout, or
 * answers a TLS handshake in plain text, is {@link SmtpSecurityMismatchException} (the other mode
 * is named); a certificate the TLS context does not trust is
 * {@link dev.mailtoken.UntrustedCertificateException}; a mechanism the server does not offer is
 * {@link MechanismNotOfferedException}; none of them is transient.
 *
 * <p>A bearer token is never sent over an unencrypted connection: with {@link SmtpSecurity#NONE}
 * the caller must set {@code allowPlaintextAuth(true)} and the host must be a loopback address,
 * otherwise sending fails with {@link PlaintextAuthRefusedException} before connecting.
 *
 * <p>Build one with {@link #builder()}, or derive a variant of another with {@link #toBuilder()}.
 * Immutable and thread-safe.
 */
public final class SmtpServer extends MailTransport {
  private final String host;
  private final int port;
  private final SmtpSecurity security;
  private final SSLContext sslContext;
  private final boolean allowPlaintextAuth;
  private final SaslMechanism mechanism;
  private final int poolSize;
  private final Duration idleTimeout;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration greetingTimeout;
  private final boolean pipelining;

  /** The port as configured: 0 when it follows from the security (kept so toBuilder() can change the security). */
  private final int configuredPort;
  /** The security as configured: null when it follows from the port. */
  private final SmtpSecurity configuredSecurity;

  SmtpServer(SmtpServerBuilder b) {
    this.host = b.host;
    this.security = b.security();
    this.configuredSecurity = b.security;
    this.configuredPort = b.port;
    this.port = b.port != 0 ? b.port : security == SmtpSecurity.IMPLICIT_TLS ? 465 : security == SmtpSecurity.NONE ? 25 : 587;
    this.sslContext = b.sslContext;
    this.allowPlaintextAuth = b.allowPlaintextAuth;
    this.mechanism = b.mechanism;
    this.poolSize = b.poolSize;
    this.idleTimeout = b.idleTimeout;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.greetingTimeout = b.greetingTimeout;
    this.pipelining = b.pipelining;
  }

  /** A builder; {@code host} is required, every other option has the default listed above. */
  public static SmtpServerBuilder builder() {
    return new SmtpServerBuilder();
  }

  /**
   * A builder starting from this server's settings, any of which may be replaced once: how a
   * variant is derived, e.g. {@code SmtpServer.forProvider(p).toBuilder().sslContext(trust).build()}.
   * The built server is a new one, with pools of its own in each {@link Mailer}.
   */
  public SmtpServerBuilder toBuilder() {
    SmtpServerBuilder b = new SmtpServerBuilder();
    b.host = host;
    b.port = configuredPort;
    b.security = configuredSecurity;
    b.sslContext = sslContext;
    b.allowPlaintextAuth = allowPlaintextAuth;
    b.mechanism = mechanism;
    b.poolSize = poolSize;
    b.idleTimeout = idleTimeout;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.greetingTimeout = greetingTimeout;
    b.pipelining = pipelining;
    return b;
  }

  /**
   * The provider's SMTP endpoint: port 465 means implicit TLS, anything else STARTTLS.
   *
   * @throws IllegalArgumentException when the provider has no SMTP host
   */
  public static SmtpServer forProvider(OAuthProvider provider) {
    String h = provider.smtpHost().orElseThrow(() -> new IllegalArgumentException(
        "provider " + provider.name() + " has no SMTP host; use SmtpServer.builder().host(..)"));
    return builder().host(h).port(provider.smtpPort()).build();
  }

  @Override
  public String name() {
    return "smtp";
  }

  /** A connection pool per account, on one Jakarta Mail session for this server. */
  @Override
  Delivery openDelivery(DeliveryContext context) {
    return new SmtpDelivery(this, context);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public SmtpSecurity security() {
    return security;
  }

  /** The SASL mechanism always used; empty when it is chosen per connection from what EHLO advertises. */
  public Optional<SaslMechanism> mechanism() {
    return Optional.ofNullable(mechanism);
  }

  /** How long a new connection waits for the server's greeting (with implicit TLS: handshake and greeting). */
  public Duration greetingTimeout() {
    return greetingTimeout;
  }

  Duration readTimeout() {
    return readTimeout;
  }

  /** The configured TLS context; empty for the JDK default. */
  Optional<SSLContext> sslContext() {
    return Optional.ofNullable(sslContext);
  }

  /** The mechanisms offered to Angus, in order of preference: the configured one, else XOAUTH2 then OAUTHBEARER. */
  String mechanisms() {
    return mechanism != null ? mechanism.saslName()
        : SaslMechanism.XOAUTH2.saslName() + " " + SaslMechanism.OAUTHBEARER.saslName();
  }

  public int poolSize() {
    return poolSize;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** Whether sends pipeline MAIL/RCPT/DATA (RFC 2920) when the server advertises PIPELINING. */
  public boolean pipelining() {
    return pipelining;
  }

  /** True only when plaintext AUTH was allowed and the host is a loopback address. */
  boolean plaintextAuthAllowed() {
    if (!allowPlaintextAuth) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The Jakarta Mail properties that make Angus connect, encrypt and authenticate as configured.
   * The socket read timeout starts as the greeting timeout; {@link TokenSmtpTransport} lengthens it
   * to the read timeout once the greeting is in (see {@link ConnectingSockets}).
   */
  Properties sessionProperties() {
    Properties p = new Properties();
    p.put("mail.transport.protocol", "smtp");
    p.put("mail.smtp.class", TokenSmtpTransport.class.getName());
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", Integer.toString(port));
    p.put("mail.smtp.auth", "true");
    p.put("mail.smtp.sasl.enable", "true");
    p.put("mail.smtp.sasl.mechanisms", mechanisms());
    p.put("mail.smtp.auth.mechanisms", mechanisms());
    p.put("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
    p.put("mail.smtp.timeout", Long.toString(greetingTimeout.toMillis()));
    ConnectingSockets sockets = new ConnectingSockets();
    p.put(ConnectingSockets.PROPERTY, sockets);
    if (security != SmtpSecurity.IMPLICIT_TLS) {
      // The plain socket STARTTLS (or nothing) runs over; implicit TLS layers on a plain socket of Angus's.
      p.put("mail.smtp.socketFactory", pipelining ? new PipeliningSocketFactory(true, true, sockets)
          : new PipeliningSocketFactory(false, false, sockets));
    }
    if (security == SmtpSecurity.IMPLICIT_TLS) {
      p.put("mail.smtp.ssl.enable", "true");
    } else if (security == SmtpSecurity.STARTTLS) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (security != SmtpSecurity.NONE) {
      p.put("mail.smtp.ssl.checkserveridentity", "true");
      SSLSocketFactory tls = sslContext != null ? sslContext.getSocketFactory()
          : (SSLSocketFactory) SSLSocketFactory.getDefault();
      p.put("mail.smtp.ssl.socketFactory", new TlsSocketFactory(tls, sockets));
    }
    return p;
  }

  @Override
  public String toString() {
    return "SmtpServer[" + host + ":" + port + ", " + security + ", " + (mechanism == null ? "SASL from EHLO" : mechanism)
        + ", pool " + poolSize
        + (pipelining ? "" : ", no pipelining") + "]";
  }
}
