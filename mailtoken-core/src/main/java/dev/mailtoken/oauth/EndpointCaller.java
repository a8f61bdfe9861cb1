package dev.mailtoken.oauth;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.TransientException;
import dev.mailtoken.UntrustedCertificateException;
import dev.mailtoken.internal.http.CredentialHttp;
import dev.mailtoken.internal.http.HttpCallException;
import dev.mailtoken.internal.http.HttpPolicy;
import dev.mailtoken.internal.http.HttpReply;
import dev.mailtoken.internal.http.TlsFailures;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request to a token, revocation, userinfo or metadata endpoint through core's
 * {@link CredentialHttp} (https except loopback, no redirects, whole-request timeout, body cap) and
 * maps the ways of getting no answer to {@link ConfigurationException} (a refused server certificate:
 * {@link UntrustedCertificateException}), {@link TransientException}, {@link OAuthTimeoutException}
 * and {@link InvalidResponseException}. Thread-safe.
 */
final class EndpointCaller {
  private static final Logger log = LoggerFactory.getLogger(OAuthClient.class);

  private final CredentialHttp http;

  EndpointCaller(HttpClient http, Duration requestTimeout, int maxResponseBytes) {
    this.http = new CredentialHttp(http, requestTimeout, maxResponseBytes);
  }

  /** POSTs {@code form}; {@code authorization} is an {@code Authorization} header value or null. */
  HttpReply post(GrantType grant, Target target, Form form, String authorization) throws MailtokenException {
    HttpRequest.Builder b = request(grant, target)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.encode(), StandardCharsets.UTF_8));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(grant, target, b.build());
  }

  /**
   * Like {@link #post}, but returns at once. The future completes with the reply, or fails with a
   * {@link MailtokenException} (I/O failure, or {@link OAuthTimeoutException} when nothing complete
   * arrived within {@code deadline}, which replaces the request timeout for this request). Used by
   * callers that keep reading a token response after their own caller has stopped waiting.
   */
  CompletableFuture<HttpReply> postAsync(GrantType grant, Target target, Form form, String authorization,
      Duration deadline) throws ConfigurationException {
    HttpRequest.Builder b = request(grant, target)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.encode(), StandardCharsets.UTF_8));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.sendAsync(b.build(), deadline).handle((reply, failure) -> {
      if (failure == null) {
        return reply;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof HttpCallException e) {
        log.debug("{} {} failed after {} ms: {}", grant.description(), target.endpoint(), e.elapsedMillis(), e.kind());
        throw new CompletionException(failure(grant, target, e, deadline));
      }
      throw new CompletionException(cause);
    });
  }

  HttpReply get(GrantType grant, Target target) throws MailtokenException {
    return get(grant, target, null);
  }

  /** GETs {@code target}; {@code authorization} is an {@code Authorization} header value or null. */
  HttpReply get(GrantType grant, Target target, String authorization) throws MailtokenException {
    HttpRequest.Builder b = request(grant, target).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(grant, target, b.build());
  }

  private HttpRequest.Builder request(GrantType grant, Target target) throws ConfigurationException {
    checkTransportSecurity(grant, target);
    return HttpRequest.newBuilder(target.endpoint()).header("Accept", "application/json");
  }

  static void checkTransportSecurity(GrantType grant, Target target) throws ConfigurationException {
    if (!HttpPolicy.allowsCredentials(target.endpoint())) {
      throw insecure(grant, target);
    }
  }

  private static ConfigurationException insecure(GrantType grant, Target target) {
    return new ConfigurationException("refusing to send the " + grant.description() + target.who() + " to "
        + target.endpoint() + ": " + HttpPolicy.rule() + "; fix the endpoint URL of provider " + target.provider());
  }

  private HttpReply send(GrantType grant, Target target, HttpRequest request) throws MailtokenException {
    try {
      // Logged once per request by the caller, which knows the token fingerprints.
      return http.send(request);
    } catch (HttpCallException e) {
      log.debug("{} {} failed after {} ms: {}", grant.description(), target.endpoint(), e.elapsedMillis(),
          e.kind());
      throw failure(grant, target, e, http.requestTimeout());
    }
  }

  private MailtokenException failure(GrantType grant, Target target, HttpCallException e, Duration limit) {
    switch (e.kind()) {
      case INSECURE_TRANSPORT:
        return insecure(grant, target);
      case TIMEOUT:
        return new OAuthTimeoutException(target.provider() + " did not answer the " + grant.description()
            + target.who() + " within " + limit.toMillis() + " ms (gave up after "
            + e.elapsedMillis() + " ms); retry later, or raise the request timeout if the network is slow",
            target.account(), limit, e.getCause());
      case TOO_LARGE:
        return new InvalidResponseException(target.provider() + " answered the " + grant.description() + target.who()
            + " with a body larger than " + http.maxResponseBytes() + " bytes; answers from this endpoint are a few"
            + " kilobytes, so the endpoint URL is probably wrong: check it", target.account(),
            e.status(), "", false, e.getCause());
      case INTERRUPTED:
        return new TransientException("the " + grant.description() + target.who() + " to " + target.provider()
            + " was interrupted before an answer arrived; retry", target.account(), null, null, e.getCause());
      default:
        java.util.Optional<String> refused = TlsFailures.certificateRefused(e.getCause());
        if (refused.isPresent()) {
          return new UntrustedCertificateException(target.endpoint().toString(), target.account(), refused.get(),
              e.getCause());
        }
        if (e.getCause() instanceof IOException) {
          return new TransientException("could not reach " + target.provider() + " at " + target.endpoint()
              + " for the " + grant.description() + target.who() + " (" + e.causeSummary()
              + "); check the network and retry later", target.account(), null, null, e.getCause());
        }
        return new TransientException("the " + grant.description() + target.who() + " to " + target.provider()
            + " failed unexpectedly (" + e.getCause() + "); retry later", target.account(), null, null, e.getCause());
    }
  }
}
