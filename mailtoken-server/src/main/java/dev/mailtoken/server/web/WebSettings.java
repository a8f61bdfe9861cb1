package dev.mailtoken.server.web;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the HTTP listener is set up; built by {@code MailtokenServer} from its {@code ServerConfig}.
 *
 * @param host the address to bind
 * @param port the port (0: any free port)
 * @param maxBodyBytes the largest request body accepted (413 beyond)
 * @param trustedProxies proxies whose {@code X-Forwarded-For}/{@code -Proto} are believed; empty: none
 * @param tls the TLS listener settings, when TLS is on
 * @param shutdownTimeout how long in-flight requests may run on after {@code stop()} begins
 */
public record WebSettings(String host, int port, long maxBodyBytes, List<InetAddress> trustedProxies,
    Optional<TlsSettings> tls, Duration shutdownTimeout) {
  public WebSettings {
    Objects.requireNonNull(host, "host");
    trustedProxies = List.copyOf(trustedProxies);
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, was " + port);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
    }
  }

  /** Settings with another port (tests start on port 0). */
  public WebSettings withPort(int newPort) {
    return new WebSettings(host, newPort, maxBodyBytes, trustedProxies, tls, shutdownTimeout);
  }
}
