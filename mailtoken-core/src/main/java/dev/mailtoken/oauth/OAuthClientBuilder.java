package dev.mailtoken.oauth;

import dev.mailtoken.internal.http.HttpPolicy;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Builds an {@link OAuthClient}. Each option may be set once. Defaults: a new {@link HttpClient}
 * that never follows redirects, {@code Clock.systemUTC()}, connect timeout 10 s, request timeout
 * 30 s, completion timeout 2 min (or the request timeout when that is longer), responses up to
 * 64 KiB, the JDK's default TLS context. Not thread-safe; the built client is.
 */
public final class OAuthClientBuilder {
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_COMPLETION_TIMEOUT = Duration.ofMinutes(2);
  static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

  private HttpClient httpClient;
  private Clock clock = Clock.systemUTC();
  private Duration connectTimeout;
  private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
  private Duration completionTimeout;
  private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
  private SSLContext sslContext;
  private final Set<String> set = new HashSet<>();

  OAuthClientBuilder() {
  }

  private void once(String option) {
    if (!set.add(option)) {
      throw new IllegalStateException(option + " was already set on this OAuthClient builder");
    }
  }

  private static Duration positive(String option, Duration d) {
    Objects.requireNonNull(d, option);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(option + " must be positive, got " + d);
    }
    return d;
  }

  /**
   * An HTTP client to share (its connection pool and executor). It must not follow redirects
   * ({@code HttpClient.Redirect.NEVER}): a redirected POST could carry credentials elsewhere.
   */
  public OAuthClientBuilder httpClient(HttpClient httpClient) {
    once("httpClient");
    this.httpClient = HttpPolicy.requireNoRedirects(httpClient);
    return this;
  }

  /** The clock for {@code receivedAt} and assertion times. */
  public OAuthClientBuilder clock(Clock clock) {
    once("clock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** TCP connect timeout of the HTTP client this builder creates. */
  public OAuthClientBuilder connectTimeout(Duration connectTimeout) {
    once("connectTimeout");
    this.connectTimeout = positive("connectTimeout", connectTimeout);
    return this;
  }

  /** Limit for a whole request, from sending to the last byte of the body. */
  public OAuthClientBuilder requestTimeout(Duration requestTimeout) {
    once("requestTimeout");
    this.requestTimeout = positive("requestTimeout", requestTimeout);
    return this;
  }

  /**
   * How long a refresh that was sent is still read after the request timeout passed, by the token
   * manager and the store ({@link OAuthClient#refreshAsync}): a late answer from a provider that
   * rotates refresh tokens is then saved instead of lost, and the next call finds it. Not shorter
   * than the request timeout.
   */
  public OAuthClientBuilder completionTimeout(Duration completionTimeout) {
    once("completionTimeout");
    this.completionTimeout = positive("completionTimeout", completionTimeout);
    return this;
  }

  /**
   * The TLS context of the HTTP client this builder creates: its trust managers decide which
   * servers' certificates are believed (a private CA in front of the token endpoint, the testkit's
   * self-signed certificate). A certificate it refuses fails with
   * {@link dev.mailtoken.UntrustedCertificateException}, never a transient error.
   */
  public OAuthClientBuilder sslContext(SSLContext sslContext) {
    once("sslContext");
    this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
    return this;
  }

  /** Largest response body accepted; larger ones fail with {@link InvalidResponseException}. */
  public OAuthClientBuilder maxResponseBytes(int maxResponseBytes) {
    once("maxResponseBytes");
    if (maxResponseBytes < 1024) {
      throw new IllegalArgumentException("maxResponseBytes must be at least 1024, got " + maxResponseBytes);
    }
    this.maxResponseBytes = maxResponseBytes;
    return this;
  }

  /**
   * @throws IllegalStateException when an HTTP client and a connect timeout or TLS context are both
   *     set (they belong on the client you pass in), or the completion timeout is shorter than the
   *     request timeout
   */
  public OAuthClient build() {
    if (completionTimeout != null && completionTimeout.compareTo(requestTimeout) < 0) {
      throw new IllegalStateException("completionTimeout (" + completionTimeout + ") must not be shorter than"
          + " requestTimeout (" + requestTimeout + "): it is how long a sent refresh is still read after callers"
          + " stopped waiting");
    }
    Duration completion = completionTimeout != null ? completionTimeout
        : DEFAULT_COMPLETION_TIMEOUT.compareTo(requestTimeout) >= 0 ? DEFAULT_COMPLETION_TIMEOUT : requestTimeout;
    if (httpClient != null && connectTimeout != null) {
      throw new IllegalStateException("connectTimeout applies only to the HttpClient this builder creates;"
          + " you passed your own httpClient: set its connectTimeout instead");
    }
    if (httpClient != null && sslContext != null) {
      throw new IllegalStateException("sslContext applies only to the HttpClient this builder creates;"
          + " you passed your own httpClient: build it with HttpClient.newBuilder().sslContext(..) instead");
    }
    HttpClient http = httpClient != null ? httpClient
        : HttpPolicy.newClient(connectTimeout != null ? connectTimeout : DEFAULT_CONNECT_TIMEOUT, sslContext);
    return new OAuthClient(new EndpointCaller(http, requestTimeout, maxResponseBytes), clock, requestTimeout,
        completion);
  }
}
