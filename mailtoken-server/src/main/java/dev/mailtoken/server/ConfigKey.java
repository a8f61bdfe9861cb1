package dev.mailtoken.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of {@code mailtoken serve}: its key in the YAML file (dotted for nesting), its
 * environment variable and its default. The server README's table lists the same.
 */
public enum ConfigKey {
  HOST("host", "127.0.0.1", "address to listen on; anything but loopback needs TLS or trusted-proxies"),
  PORT("port", "8025", "TCP port (0: any free port)"),
  PUBLIC_URL("public-url", "", "the URL people and programs reach the server at, when not http(s)://host:port"),
  TLS_CERTIFICATE("tls.certificate", "", "PEM file with the certificate chain (with tls.private-key)"),
  TLS_PRIVATE_KEY("tls.private-key", "", "PEM file with the PKCS#8 private key (unencrypted)"),
  TLS_KEYSTORE("tls.keystore", "", "PKCS12 file with key and chain (instead of the two PEM files)"),
  TLS_KEYSTORE_PASSWORD("tls.keystore-password", "", "the PKCS12 file's password"),
  TLS_MIN_VERSION("tls.min-version", "TLSv1.2", "lowest TLS version accepted: TLSv1.2 or TLSv1.3"),
  TRUSTED_PROXIES("trusted-proxies", "", "IP addresses of TLS-terminating proxies whose X-Forwarded-For/-Proto"
      + " are believed (comma separated, or a YAML list); allows a non-loopback host without TLS"),
  MAX_BODY_SIZE("max-body-size", "65536", "largest request body in bytes (suffix k or m for KiB, MiB)"),
  SHUTDOWN_TIMEOUT("shutdown-timeout", "10s", "how long requests in flight may finish on stop"),
  REFRESH_MARGIN("refresh.margin", "5m", "refresh an access token this long before it expires"),
  REFRESH_JITTER("refresh.jitter", "30s", "up to this much earlier, at random, so a fleet spreads out"),
  REFRESH_RATE("refresh.per-provider-per-second", "5", "at most this many refreshes per second per provider"),
  CONNECT_RETURN_URLS("connect.return-urls", "", "URL prefixes a connect link's returnUrl may start with (comma"
      + " separated, or a YAML list); empty: no returnUrl is accepted"),
  CONNECT_LINK_TTL("connect.link-ttl", "1h", "how long a connect link stays valid when its creator names no ttl"),
  WEBHOOKS_ALLOW_PLAIN_HTTP("webhooks.allow-plain-http", "false", "true: webhook URLs may be plain http to any host"
      + " (default: https, or http to loopback only)"),
  WEBHOOKS_RETRY_TTL("webhooks.retry-ttl", "24h", "how long a webhook delivery is retried before it is given up"),
  WEBHOOKS_TIMEOUT("webhooks.timeout", "10s", "how long one webhook POST may take (connect and answer)"),
  METRICS_OPEN_ON_LOOPBACK("metrics.open-on-loopback", "false", "true: /metrics needs no API token for clients on"
      + " loopback (default: scope metrics for everyone)"),
  SESSION_IDLE_TIMEOUT("session.idle-timeout", "30m", "an admin page session unused this long ends"),
  SESSION_ABSOLUTE_TIMEOUT("session.absolute-timeout", "12h", "an admin page session ends this long after its login"),
  LOGIN_MAX_FAILURES("login.max-failures", "5", "failed logins from one client address before it must wait"),
  LOGIN_FAILURE_WINDOW("login.failure-window", "15m", "how long a failed login counts (and the longest wait)");

  /** The prefix of every environment variable. */
  public static final String ENV_PREFIX = "MAILTOKEN_SERVER_";

  private final String key;
  private final String defaultValue;
  private final String description;

  ConfigKey(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The key in the YAML file and in {@code --set key=value}. */
  public String key() {
    return key;
  }

  /** The default, empty for none. */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** The environment variable, e.g. {@code MAILTOKEN_SERVER_TLS_MIN_VERSION}. */
  public String envVariable() {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public static Optional<ConfigKey> byKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }
}
