package dev.mailtoken.oauth;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.TransientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request to a token, revocation or metadata endpoint and returns the answer: refuses
 * plain {@code http} except loopback, applies the whole-request timeout and the body cap, and
 * maps I/O failures to {@link TransientException}/{@link OAuthTimeoutException}. Thread-safe.
 */
final class EndpointCaller {
  private static final Logger log = LoggerFactory.getLogger(OAuthClient.class);

  private final HttpClient http;
  private final Duration requestTimeout;
  private final int maxResponseBytes;

  EndpointCaller(HttpClient http, Duration requestTimeout, int maxResponseBytes) {
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.maxResponseBytes = maxResponseBytes;
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
    HttpRequest.Builder b = request(grant, target).timeout(deadline)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.encode(), StandardCharsets.UTF_8));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(b.build(), info -> new CappedBodySubscriber(maxResponseBytes));
    // The JDK's request timeout stops at the headers; the deadline must also cover a slow body.
    return future.copy().orTimeout(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .handle((response, failure) -> {
          if (failure == null) {
            return new HttpReply(response.statusCode(), response.headers(),
                new String(response.body(), StandardCharsets.UTF_8), elapsedMillis(start));
          }
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          if (cause instanceof TimeoutException) {
            future.cancel(true);
            throw new CompletionException(timeout(grant, target, start, deadline, cause));
          }
          throw new CompletionException(ioFailure(grant, target, start, cause, deadline));
        });
  }

  HttpReply get(GrantType grant, Target target) throws MailtokenException {
    return send(grant, target, request(grant, target).GET().build());
  }

  private HttpRequest.Builder request(GrantType grant, Target target) throws ConfigurationException {
    checkTransportSecurity(grant, target);
    return HttpRequest.newBuilder(target.endpoint())
        .timeout(requestTimeout)
        .header("Accept", "application/json");
  }

  static void checkTransportSecurity(GrantType grant, Target target) throws ConfigurationException {
    URI uri = target.endpoint();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()))) {
      return;
    }
    throw new ConfigurationException("refusing to send the " + grant.description() + target.who() + " to " + uri
        + ": credentials may only travel over https (plain http is allowed only for loopback test servers);"
        + " fix the endpoint URL of provider " + target.provider());
  }

  /** Loopback by name or literal only: resolving DNS here could be spoofed into "loopback". */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  private HttpReply send(GrantType grant, Target target, HttpRequest request) throws MailtokenException {
    // Elapsed time for the log only; nanoTime is a stopwatch, not a wall clock.
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request, info -> new CappedBodySubscriber(maxResponseBytes));
    try {
      HttpResponse<byte[]> response = future.get(requestTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      // Logged once per request by the caller, which knows the token fingerprints.
      return new HttpReply(response.statusCode(), response.headers(),
          new String(response.body(), StandardCharsets.UTF_8), elapsedMillis(start));
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timeout(grant, target, start, requestTimeout, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransientException("the " + grant.description() + target.who() + " to " + target.provider()
          + " was interrupted before an answer arrived; retry", target.account(), null, null, e);
    } catch (ExecutionException e) {
      throw ioFailure(grant, target, start, e.getCause(), requestTimeout);
    }
  }

  private MailtokenException ioFailure(GrantType grant, Target target, long start, Throwable cause, Duration limit) {
    log.debug("{} {} failed after {} ms: {}", grant.description(), target.endpoint(), elapsedMillis(start),
        cause.getClass().getSimpleName());
    if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
      return timeout(grant, target, start, limit, cause);
    }
    if (cause instanceof CappedBodySubscriber.TooLargeException) {
      return new InvalidResponseException(target.provider() + " answered the " + grant.description() + target.who()
          + " with a body larger than " + maxResponseBytes + " bytes; token responses are small, so the endpoint"
          + " URL is probably wrong: check it", target.account(), 200, "", false, cause);
    }
    if (cause instanceof IOException) {
      return new TransientException("could not reach " + target.provider() + " at " + target.endpoint()
          + " for the " + grant.description() + target.who() + " (" + cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + "); check the network and retry later",
          target.account(), null, null, cause);
    }
    return new TransientException("the " + grant.description() + target.who() + " to " + target.provider()
        + " failed unexpectedly (" + cause + "); retry later", target.account(), null, null, cause);
  }

  private OAuthTimeoutException timeout(GrantType grant, Target target, long start, Duration limit, Throwable cause) {
    return new OAuthTimeoutException(target.provider() + " did not answer the " + grant.description() + target.who()
        + " within " + limit.toMillis() + " ms (gave up after " + elapsedMillis(start)
        + " ms); retry later, or raise the request timeout if the network is slow", target.account(),
        limit, cause);
  }

  private static long elapsedMillis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
