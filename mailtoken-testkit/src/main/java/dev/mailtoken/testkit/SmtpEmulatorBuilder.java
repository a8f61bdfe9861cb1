package dev.mailtoken.testkit;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds and starts an {@link SmtpEmulator}; from {@link SmtpEmulator#builder(ProviderEmulator)}.
 * Each option may be set once. Not thread-safe; use from one thread.
 *
 * <p>Defaults: style {@code EXCHANGE} if the provider is in {@link EmulatorMode#MICROSOFT} mode, else
 * {@code GMAIL}; TLS {@link TlsMode#STARTTLS}; required scope Gmail {@code https://mail.google.com/},
 * Exchange {@code https://outlook.office.com/SMTP.Send}; max connections per user Exchange 3, Gmail
 * unlimited (0); clock: the provider's; AUTH mechanisms Gmail
 * {@code LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH}, Exchange {@code LOGIN XOAUTH2}.
 */
public final class SmtpEmulatorBuilder {
  private final ProviderEmulator provider;
  private SmtpStyle style;
  private TlsMode tls;
  private String requiredScope;
  private Integer maxConnectionsPerUser;
  private Clock clock;
  private List<String> authMechanisms;

  SmtpEmulatorBuilder(ProviderEmulator provider) {
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  public SmtpEmulatorBuilder style(SmtpStyle style) {
    this.style = once(this.style, style, "style");
    return this;
  }

  public SmtpEmulatorBuilder tls(TlsMode tls) {
    this.tls = once(this.tls, tls, "tls");
    return this;
  }

  /** The scope a token must carry to authenticate. */
  public SmtpEmulatorBuilder requiredScope(String scope) {
    this.requiredScope = once(this.requiredScope, scope, "requiredScope");
    return this;
  }

  /** Concurrent authenticated sessions per user; past it AUTH gets {@code 432 4.3.2}. 0 = unlimited. */
  public SmtpEmulatorBuilder maxConnectionsPerUser(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("maxConnectionsPerUser must not be negative, got " + max);
    }
    this.maxConnectionsPerUser = once(this.maxConnectionsPerUser, max, "maxConnectionsPerUser");
    return this;
  }

  /** The clock for token expiry, aged sessions and the daily limit's 24-hour window. */
  public SmtpEmulatorBuilder clock(Clock clock) {
    this.clock = once(this.clock, clock, "clock");
    return this;
  }

  /**
   * The mechanisms the {@code AUTH} capability advertises after TLS, in this order, replacing the
   * style's; {@code AUTH} with any other mechanism gets {@code 504 5.7.4}. XOAUTH2 and OAUTHBEARER
   * are validated in either style (Exchange's own list has no OAUTHBEARER), e.g.
   * {@code authMechanisms("PLAIN", "OAUTHBEARER")} for a submission server that offers only RFC 7628.
   */
  public SmtpEmulatorBuilder authMechanisms(String... mechanisms) {
    Objects.requireNonNull(mechanisms, "mechanisms");
    if (mechanisms.length == 0) {
      throw new IllegalArgumentException("authMechanisms needs at least one mechanism");
    }
    List<String> upper = java.util.Arrays.stream(mechanisms).map(m -> Objects.requireNonNull(m, "mechanism")
        .toUpperCase(Locale.ROOT)).toList();
    this.authMechanisms = once(this.authMechanisms, upper, "authMechanisms");
    return this;
  }

  /**
   * Binds 127.0.0.1 on an ephemeral port and starts accepting connections.
   *
   * @throws java.io.UncheckedIOException if the port cannot be bound
   */
  public SmtpEmulator start() {
    SmtpStyle s = style != null ? style
        : provider.mode() == EmulatorMode.MICROSOFT ? SmtpStyle.EXCHANGE : SmtpStyle.GMAIL;
    String scope = requiredScope != null ? requiredScope
        : s == SmtpStyle.GMAIL ? "https://mail.google.com/" : "https://outlook.office.com/SMTP.Send";
    int max = maxConnectionsPerUser != null ? maxConnectionsPerUser : s == SmtpStyle.EXCHANGE ? 3 : 0;
    List<String> mechanisms = authMechanisms != null ? authMechanisms : s == SmtpStyle.GMAIL
        ? List.of("LOGIN", "PLAIN", "XOAUTH2", "PLAIN-CLIENTTOKEN", "OAUTHBEARER", "XOAUTH") : List.of("LOGIN", "XOAUTH2");
    SmtpSettings settings = new SmtpSettings(s, tls != null ? tls : TlsMode.STARTTLS, scope, max,
        clock != null ? clock : provider.clock(), mechanisms);
    return new SmtpEmulator(provider, settings).start();
  }

  private static <T> T once(T current, T value, String name) {
    Objects.requireNonNull(value, name);
    if (current != null) {
      throw new IllegalStateException(name + " was already set");
    }
    return value;
  }
}
