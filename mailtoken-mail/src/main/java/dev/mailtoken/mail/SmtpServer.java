package dev.mailtoken.mail;

import dev.mailtoken.oauth.OAuthProvider;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLContext;

/**
 * An SMTP submission server reached with XOAUTH2 or OAUTHBEARER, and how to pool connections to it.
 *
 * <p>Defaults: {@link SmtpSecurity#STARTTLS} (required, capabilities re-read after TLS), port 587
 * (465 for implicit TLS, 25 for none), {@link SaslMechanism#XOAUTH2}, pool of 3 connections per
 * account (Exchange Online allows 3 concurrent connections per mailbox), idle timeout 60 s,
 * connect timeout 10 s, read timeout 60 s, the JDK's default {@link SSLContext}, pipelining
 * (RFC 2920) when the server advertises it.
 *
 * <p>A bearer token is never sent over an unencrypted connection: with {@link SmtpSecurity#NONE}
 * the caller must set {@code allowPlaintextAuth(true)} and the host must be a loopback address,
 * otherwise sending fails with {@link PlaintextAuthRefusedException} before connecting.
 *
 * <p>Immutable and thread-safe.
 */
public final class SmtpServer implements MailTransport {
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
  private final boolean pipelining;

  private SmtpServer(Builder b) {
    this.host = b.host;
    this.security = b.security;
    this.port = b.port != 0 ? b.port : security == SmtpSecurity.IMPLICIT_TLS ? 465 : security == SmtpSecurity.NONE ? 25 : 587;
    this.sslContext = b.sslContext;
    this.allowPlaintextAuth = b.allowPlaintextAuth;
    this.mechanism = b.mechanism;
    this.poolSize = b.poolSize;
    this.idleTimeout = b.idleTimeout;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.pipelining = b.pipelining;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The provider's SMTP endpoint: port 465 means implicit TLS, anything else STARTTLS.
   *
   * @throws IllegalArgumentException when the provider has no SMTP host
   */
  public static SmtpServer forProvider(OAuthProvider provider) {
    String h = provider.smtpHost().orElseThrow(() -> new IllegalArgumentException(
        "provider " + provider.name() + " has no SMTP host; use SmtpServer.builder().host(..)"));
    int p = provider.smtpPort();
    return builder().host(h).port(p).security(p == 465 ? SmtpSecurity.IMPLICIT_TLS : SmtpSecurity.STARTTLS).build();
  }

  @Override
  public String name() {
    return "smtp";
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

  public SaslMechanism mechanism() {
    return mechanism;
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

  /** The Jakarta Mail properties that make Angus connect, encrypt and authenticate as configured. */
  Properties sessionProperties() {
    Properties p = new Properties();
    p.put("mail.transport.protocol", "smtp");
    p.put("mail.smtp.class", TokenSmtpTransport.class.getName());
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", Integer.toString(port));
    p.put("mail.smtp.auth", "true");
    p.put("mail.smtp.sasl.enable", "true");
    p.put("mail.smtp.sasl.mechanisms", mechanism.saslName());
    p.put("mail.smtp.auth.mechanisms", mechanism.saslName());
    p.put("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
    p.put("mail.smtp.timeout", Long.toString(readTimeout.toMillis()));
    if (pipelining && security != SmtpSecurity.IMPLICIT_TLS) {
      // The plain socket STARTTLS (or nothing) runs over; implicit TLS keeps Angus's own sockets.
      p.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
    }
    if (security == SmtpSecurity.IMPLICIT_TLS) {
      p.put("mail.smtp.ssl.enable", "true");
    } else if (security == SmtpSecurity.STARTTLS) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (security != SmtpSecurity.NONE) {
      p.put("mail.smtp.ssl.checkserveridentity", "true");
      if (sslContext != null) {
        p.put("mail.smtp.ssl.socketFactory", sslContext.getSocketFactory());
      }
    }
    return p;
  }

  @Override
  public String toString() {
    return "SmtpServer[" + host + ":" + port + ", " + security + ", " + mechanism + ", pool " + poolSize
        + (pipelining ? "" : ", no pipelining") + "]";
  }

  /** Configures an {@link SmtpServer}; {@code host} is required. Not thread-safe. */
  public static final class Builder {
    private String host;
    private int port;
    private SmtpSecurity security = SmtpSecurity.STARTTLS;
    private SSLContext sslContext;
    private boolean allowPlaintextAuth;
    private SaslMechanism mechanism = SaslMechanism.XOAUTH2;
    private int poolSize = 3;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private boolean pipelining = true;

    private Builder() {
    }

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    public Builder security(SmtpSecurity security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    /** The TLS context for the server's certificate (tests: the emulator's trusting context). */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /** Allows AUTH without TLS, honoured only for loopback hosts (local test servers). */
    public Builder allowPlaintextAuth(boolean allow) {
      this.allowPlaintextAuth = allow;
      return this;
    }

    public Builder mechanism(SaslMechanism mechanism) {
      this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
      return this;
    }

    /** Connections per account, at most; Exchange Online allows 3. */
    public Builder poolSize(int poolSize) {
      if (poolSize < 1) {
        throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
      }
      this.poolSize = poolSize;
      return this;
    }

    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = positive(idleTimeout, "idleTimeout");
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = positive(readTimeout, "readTimeout");
      return this;
    }

    /**
     * Pipelines MAIL, RCPT and DATA (RFC 2920) when the server advertises PIPELINING: one round
     * trip instead of three per message. Default true; off, every command waits for its reply.
     */
    public Builder pipelining(boolean pipelining) {
      this.pipelining = pipelining;
      return this;
    }

    /** @throws IllegalStateException when no host was set */
    public SmtpServer build() {
      if (host == null) {
        throw new IllegalStateException("SmtpServer needs a host: call host(..)");
      }
      return new SmtpServer(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
