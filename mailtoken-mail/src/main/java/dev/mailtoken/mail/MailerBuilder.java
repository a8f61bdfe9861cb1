package dev.mailtoken.mail;

import dev.mailtoken.token.TokenManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * Builds a {@link Mailer}. Required: {@link #tokenManager} and at least one transport (a default
 * or a per-account one). Each option may be set once (a second call fails naming the option); the
 * transport of each account likewise, once per account; {@link #listener} may be called several
 * times. Defaults: {@code Clock.systemUTC()}, HTTP timeout 30 s, the JDK's default TLS context for
 * the HTTP transports, no listener, and for {@code sendAsync} a cached pool of daemon threads that
 * {@code close()} shuts down. Not thread-safe; the built mailer is.
 */
public final class MailerBuilder {
  TokenManager tokenManager;
  MailTransport defaultTransport;
  final Map<String, MailTransport> perAccount = new LinkedHashMap<>();
  Clock clock = Clock.systemUTC();
  Executor executor;
  Duration httpTimeout = Duration.ofSeconds(30);
  SSLContext httpSslContext;
  final List<MailListener> listeners = new ArrayList<>();
  private final Set<String> set = new HashSet<>();

  MailerBuilder() {
  }

  private void once(String option) {
    if (!set.add(option)) {
      throw new IllegalStateException(option + " was already set on this Mailer builder");
    }
  }

  /** The one token cache shared by all accounts and connections. */
  public MailerBuilder tokenManager(TokenManager tokenManager) {
    once("tokenManager");
    this.tokenManager = Objects.requireNonNull(tokenManager, "tokenManager");
    return this;
  }

  /** The transport of every account without its own. */
  public MailerBuilder transport(MailTransport transport) {
    once("transport");
    this.defaultTransport = Objects.requireNonNull(transport, "transport");
    return this;
  }

  /** The transport of one account; once per account. */
  public MailerBuilder transport(String account, MailTransport transport) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(transport, "transport");
    if (perAccount.containsKey(account)) {
      throw new IllegalStateException("the transport of " + account + " was already set on this Mailer builder");
    }
    perAccount.put(account, transport);
    return this;
  }

  /** For pool idle and token-expiry decisions; default the system UTC clock. */
  public MailerBuilder clock(Clock clock) {
    once("clock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Where {@code sendAsync} runs; default a cached pool of daemon threads, shut down by close(). */
  public MailerBuilder executor(Executor executor) {
    once("executor");
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /** Connect and request timeout of the HTTP transports; default 30 s. */
  public MailerBuilder httpTimeout(Duration timeout) {
    once("httpTimeout");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("httpTimeout must be positive, was " + timeout);
    }
    this.httpTimeout = timeout;
    return this;
  }

  /**
   * The TLS context of the HTTP transports ({@link GmailApi}, {@link GraphApi}): its trust
   * managers decide which API servers are believed (a TLS-inspecting proxy's CA, a test server).
   * A certificate it refuses fails with {@link dev.mailtoken.UntrustedCertificateException}, never
   * a transient error. SMTP has its own: {@link SmtpServerBuilder#sslContext}.
   */
  public MailerBuilder httpSslContext(SSLContext sslContext) {
    once("httpSslContext");
    this.httpSslContext = Objects.requireNonNull(sslContext, "sslContext");
    return this;
  }

  /**
   * Adds a listener for {@link SendEvent}s (sent, failed, token rejected and renewed); may be
   * called several times, each listener gets every event in the order added. See
   * {@link MailListener} for the thread it is called on and what it must not do.
   */
  public MailerBuilder listener(MailListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
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
