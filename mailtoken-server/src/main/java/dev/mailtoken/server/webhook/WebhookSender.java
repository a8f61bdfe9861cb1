package dev.mailtoken.server.webhook;

import dev.mailtoken.internal.http.HttpPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * One POST of a signed payload. Never follows a redirect (a 3xx is a failed attempt); reads no
 * response body; bounded by the timeout. Thread-safe.
 */
final class WebhookSender {
  static final String USER_AGENT = "mailtoken-webhooks/1";

  /** What became of one POST: the status when answered, else why not. */
  record Result(Optional<Integer> status, Optional<String> error) {
    boolean delivered() {
      return status.isPresent() && status.get() >= 200 && status.get() < 300;
    }
  }

  private final HttpClient client;
  private final Duration timeout;

  WebhookSender(Duration timeout) {
    this.timeout = timeout;
    this.client = HttpPolicy.newClient(timeout);
  }

  Result post(URI url, String eventId, long timestampSeconds, String signature, String body) {
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", USER_AGENT)
        .header("webhook-id", eventId)
        .header("webhook-timestamp", Long.toString(timestampSeconds))
        .header("webhook-signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status < 300) {
        return new Result(Optional.of(status), Optional.empty());
      }
      return new Result(Optional.of(status), Optional.of(status >= 300 && status < 400
          ? "answered " + status + " (redirects are not followed; give the final URL)" : "answered " + status));
    } catch (HttpTimeoutException e) {
      return new Result(Optional.empty(), Optional.of("no answer within " + timeout.toMillis() + " ms"));
    } catch (ConnectException e) {
      return new Result(Optional.empty(), Optional.of("could not connect to " + url.getHost()
          + (url.getPort() > 0 ? ":" + url.getPort() : "")));
    } catch (IOException e) {
      return new Result(Optional.empty(), Optional.of("request failed: " + e.getClass().getSimpleName()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Optional.empty(), Optional.of("interrupted while sending (the server is stopping)"));
    }
  }
}
