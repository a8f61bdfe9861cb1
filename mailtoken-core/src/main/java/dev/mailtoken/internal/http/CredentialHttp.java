package dev.mailtoken.internal.http;

import dev.mailtoken.internal.http.HttpCallException.Kind;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends requests that carry a credential under {@link HttpPolicy}: the URI is checked before
 * anything is sent (no DNS lookup, no connection when refused), the client never follows
 * redirects, the whole exchange (connect, headers, body) has one deadline, and a body past the
 * size cap is abandoned as soon as it is seen. Immutable and thread-safe; share one per client.
 *
 * <p>Every way of getting no readable answer is one {@link HttpCallException} with a
 * {@link HttpCallException.Kind}; any status, 4xx and 5xx included, is an answer.
 */
public final class CredentialHttp {
  private final HttpClient client;
  private final Duration requestTimeout;
  private final int maxResponseBytes;

  /**
   * @param client a client that does not follow redirects (its connect timeout applies)
   * @param requestTimeout the deadline for a whole request, from sending to the last body byte
   * @param maxResponseBytes the largest body read
   * @throws IllegalArgumentException when the client follows redirects or a limit is not positive
   */
  public CredentialHttp(HttpClient client, Duration requestTimeout, int maxResponseBytes) {
    this.client = HttpPolicy.requireNoRedirects(client);
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
    }
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxResponseBytes must be positive, got " + maxResponseBytes);
    }
    this.requestTimeout = requestTimeout;
    this.maxResponseBytes = maxResponseBytes;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public int maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Sends {@code request} (its own timeout is replaced by this one's) and reads the answer.
   *
   * @throws HttpCallException when the URI is refused, or no complete answer within the limits came
   */
  public HttpReply send(HttpRequest request) throws HttpCallException {
    Objects.requireNonNull(request, "request");
    if (!HttpPolicy.allowsCredentials(request.uri())) {
      throw new HttpCallException(Kind.INSECURE_TRANSPORT, request.uri(), -1, 0, null);
    }
    HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(requestTimeout).build();
    // Elapsed time for messages only; nanoTime is a stopwatch, not a wall clock.
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(timed, CappedBodySubscriber.handler(maxResponseBytes));
    try {
      // HttpRequest.timeout stops at the headers; this bounds a slow-dripping body too.
      HttpResponse<byte[]> response = future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return new HttpReply(response.statusCode(), response.headers(),
          new String(response.body(), StandardCharsets.UTF_8), elapsedMillis(start));
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new HttpCallException(Kind.TIMEOUT, request.uri(), -1, elapsedMillis(start), e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new HttpCallException(Kind.INTERRUPTED, request.uri(), -1, elapsedMillis(start), e);
    } catch (ExecutionException e) {
      throw failure(request, start, e.getCause());
    }
  }

  /**
   * Like {@link #send}, but returns at once and allows {@code deadline} (in place of the request
   * timeout) for the whole exchange: for callers that keep reading an answer after their own caller
   * stopped waiting. The future fails with a {@link CompletionException} whose cause is the
   * {@link HttpCallException}; a URI the policy refuses fails it before anything is sent.
   */
  public CompletableFuture<HttpReply> sendAsync(HttpRequest request, Duration deadline) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(deadline, "deadline");
    if (!HttpPolicy.allowsCredentials(request.uri())) {
      return CompletableFuture.failedFuture(new HttpCallException(Kind.INSECURE_TRANSPORT, request.uri(), -1, 0, null));
    }
    HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(deadline).build();
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(timed, CappedBodySubscriber.handler(maxResponseBytes));
    // HttpRequest.timeout stops at the headers; the deadline must also cover a slow-dripping body.
    return future.copy().orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS).handle((response, failure) -> {
      if (failure == null) {
        return new HttpReply(response.statusCode(), response.headers(),
            new String(response.body(), StandardCharsets.UTF_8), elapsedMillis(start));
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof TimeoutException) {
        future.cancel(true);
        throw new CompletionException(new HttpCallException(Kind.TIMEOUT, request.uri(), -1, elapsedMillis(start), cause));
      }
      throw new CompletionException(failure(request, start, cause));
    });
  }

  private static HttpCallException failure(HttpRequest request, long start, Throwable cause) {
    long elapsed = elapsedMillis(start);
    if (cause instanceof CappedBodySubscriber.TooLargeException tooLarge) {
      return new HttpCallException(Kind.TOO_LARGE, request.uri(), tooLarge.status(), elapsed, cause);
    }
    if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
      return new HttpCallException(Kind.TIMEOUT, request.uri(), -1, elapsed, cause);
    }
    // IOException (refused, reset, TLS) or an unexpected failure inside the client: both leave no answer.
    return new HttpCallException(Kind.IO_FAILURE, request.uri(), -1, elapsed, cause);
  }

  private static long elapsedMillis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
