package dev.mailtoken.server;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.Secret;
import dev.mailtoken.server.login.LoginSettings;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of {@code mailtoken serve} ({@link ConfigKey} lists them with their defaults):
 * from {@link #load} (a YAML file, then environment variables, then flags: a flag overrides the
 * environment, which overrides the file) or a {@link #builder()}.
 *
 * <p>Refuses to listen beyond loopback unless TLS is configured or {@code trusted-proxies} names
 * the TLS-terminating proxies in front. Immutable and thread-safe; {@code toString} shows no
 * password.
 */
public final class ServerConfig {
  private final String host;
  private final int port;
  private final Optional<URI> publicUrl;
  private final Optional<Tls> tls;
  private final List<InetAddress> trustedProxies;
  private final long maxBodyBytes;
  private final Duration shutdownTimeout;
  private final Duration refreshMargin;
  private final Duration refreshJitter;
  private final double refreshesPerSecond;
  private final List<URI> connectReturnUrls;
  private final Duration connectLinkTtl;
  private final Webhooks webhooks;
  private final boolean metricsOpenOnLoopback;
  private final LoginSettings login;

  /**
   * The webhook settings.
   *
   * @param allowPlainHttp true: URLs may be plain http to any host (else https, or http to loopback)
   * @param retryTtl how long a delivery is retried before it is given up
   * @param timeout how long one POST may take
   */
  public record Webhooks(boolean allowPlainHttp, Duration retryTtl, Duration timeout) {
    public Webhooks {
      Objects.requireNonNull(retryTtl, "retryTtl");
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  /**
   * Where the TLS key material is: two PEM files, or one PKCS12 file with its password.
   *
   * @param minVersion {@code TLSv1.2} or {@code TLSv1.3}
   */
  public record Tls(Optional<Path> certificate, Optional<Path> privateKey, Optional<Path> keystore,
      Optional<Secret> keystorePassword, String minVersion) {
    public Tls {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(privateKey, "privateKey");
      Objects.requireNonNull(keystore, "keystore");
      Objects.requireNonNull(keystorePassword, "keystorePassword");
      Objects.requireNonNull(minVersion, "minVersion");
    }
  }

  ServerConfig(ConfigValues v) throws ConfigurationException {
    this.host = v.required(ConfigKey.HOST);
    this.port = v.port(ConfigKey.PORT);
    this.publicUrl = v.uri(ConfigKey.PUBLIC_URL);
    this.tls = v.tls();
    this.trustedProxies = v.addresses(ConfigKey.TRUSTED_PROXIES);
    this.maxBodyBytes = v.bytes(ConfigKey.MAX_BODY_SIZE);
    this.shutdownTimeout = v.duration(ConfigKey.SHUTDOWN_TIMEOUT);
    this.refreshMargin = v.duration(ConfigKey.REFRESH_MARGIN);
    this.refreshJitter = v.duration(ConfigKey.REFRESH_JITTER);
    this.refreshesPerSecond = v.positiveNumber(ConfigKey.REFRESH_RATE);
    this.connectReturnUrls = v.uris(ConfigKey.CONNECT_RETURN_URLS);
    this.connectLinkTtl = v.duration(ConfigKey.CONNECT_LINK_TTL);
    this.webhooks = new Webhooks(v.bool(ConfigKey.WEBHOOKS_ALLOW_PLAIN_HTTP), v.positiveDuration(ConfigKey.WEBHOOKS_RETRY_TTL),
        v.positiveDuration(ConfigKey.WEBHOOKS_TIMEOUT));
    this.metricsOpenOnLoopback = v.bool(ConfigKey.METRICS_OPEN_ON_LOOPBACK);
    this.login = login(v);
    if (refreshMargin.plus(refreshJitter).compareTo(Duration.ofMinutes(10)) >= 0
        || refreshMargin.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new ConfigurationException("refresh.margin plus refresh.jitter must be under 10 minutes (the store hands"
          + " out a token another node stored only while it has 10 minutes left), and refresh.margin at least 1"
          + " minute; they are " + refreshMargin + " and " + refreshJitter + ".");
    }
    if (tls.isEmpty() && trustedProxies.isEmpty() && !ConfigValues.isLoopback(host)) {
      throw new ConfigurationException("Refusing to listen on " + host + " without TLS: set tls.certificate and"
          + " tls.private-key (or tls.keystore), or, behind a TLS-terminating proxy, trusted-proxies with the"
          + " proxy addresses; or listen on 127.0.0.1.");
    }
  }

  private static LoginSettings login(ConfigValues v) throws ConfigurationException {
    Duration idle = v.duration(ConfigKey.SESSION_IDLE_TIMEOUT);
    Duration absolute = v.duration(ConfigKey.SESSION_ABSOLUTE_TIMEOUT);
    if (idle.isZero() || idle.isNegative() || idle.compareTo(absolute) > 0) {
      throw new ConfigurationException("session.idle-timeout must be positive and at most session.absolute-timeout;"
          + " they are " + idle + " and " + absolute + ".");
    }
    Duration window = v.duration(ConfigKey.LOGIN_FAILURE_WINDOW);
    if (window.isZero() || window.isNegative()) {
      throw new ConfigurationException("login.failure-window must be positive; it is " + window + ".");
    }
    return new LoginSettings(idle, absolute, v.count(ConfigKey.LOGIN_MAX_FAILURES, 1000), window);
  }

  /**
   * Reads the settings: {@code file} (YAML, optional), then {@code env} ({@code MAILTOKEN_SERVER_*}),
   * then {@code flags} (by {@link ConfigKey#key()}); later sources win.
   *
   * @throws ConfigurationException for an unreadable file, an unknown key or a bad value (the
   *     message names the key and where it came from)
   */
  public static ServerConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> flags)
      throws ConfigurationException {
    return new ServerConfig(ConfigValues.load(file, env, flags));
  }

  /** Every default: loopback, port 8025, no TLS. */
  public static ServerConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The URL to show people, when set; else {@code http(s)://host:port}. */
  public Optional<URI> publicUrl() {
    return publicUrl;
  }

  public Optional<Tls> tls() {
    return tls;
  }

  public List<InetAddress> trustedProxies() {
    return trustedProxies;
  }

  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  public Duration refreshMargin() {
    return refreshMargin;
  }

  public Duration refreshJitter() {
    return refreshJitter;
  }

  /** The most refreshes per second the server starts for accounts of one provider (token endpoint). */
  public double refreshesPerSecond() {
    return refreshesPerSecond;
  }

  /** The URL prefixes a connect link's return URL must start with; empty: none is accepted. */
  public List<URI> connectReturnUrls() {
    return connectReturnUrls;
  }

  /** How long a connect link stays valid when its creator names no ttl. */
  public Duration connectLinkTtl() {
    return connectLinkTtl;
  }

  /** Webhook URLs, retries and timeouts. */
  public Webhooks webhooks() {
    return webhooks;
  }

  /** True when {@code /metrics} is open to loopback clients without an API token. */
  public boolean metricsOpenOnLoopback() {
    return metricsOpenOnLoopback;
  }

  /** Admin page sessions and failed-login limits. */
  @SuppressWarnings("exports") // its type's package is not exported (see module-info.java)
  public LoginSettings login() {
    return login;
  }

  @Override
  public String toString() {
    return "ServerConfig[host=" + host + ", port=" + port + ", tls=" + tls.map(t -> t.minVersion()).orElse("off")
        + ", trustedProxies=" + trustedProxies.size() + ", maxBodyBytes=" + maxBodyBytes + "]";
  }

  /**
   * Sets keys by {@link ConfigKey}; each once ("... was already set"). {@link #build()} parses and
   * checks every value as {@link #load} does.
   */
  public static final class Builder {
    private final Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);

    private Builder() {
    }

    /** Sets {@code key} to {@code value}, written as in the YAML file. */
    public Builder set(ConfigKey key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (values.containsKey(key)) {
        throw new IllegalStateException(key.key() + " was already set to " + shown(key, values.get(key)));
      }
      values.put(key, value);
      return this;
    }

    public Builder port(int port) {
      return set(ConfigKey.PORT, Integer.toString(port));
    }

    public Builder host(String host) {
      return set(ConfigKey.HOST, host);
    }

    /** @throws IllegalArgumentException for a bad value or an unsafe combination */
    public ServerConfig build() {
      try {
        return new ServerConfig(ConfigValues.of(values));
      } catch (ConfigurationException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }

    private static String shown(ConfigKey key, String value) {
      return key == ConfigKey.TLS_KEYSTORE_PASSWORD ? "a password" : value;
    }
  }
}
