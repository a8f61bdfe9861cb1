package dev.mailtoken.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A "browser" that is just an HTTP client: GETs the consent URL and follows the provider's redirect
 * to the loopback listener, on a background thread. Used by {@code mailtoken demo}, where the
 * emulator consents without a person. The result page's status is available from {@link #lastVisit()}.
 * Thread-safe.
 */
final class HttpBrowser implements Browser {
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private volatile CompletableFuture<HttpResponse<String>> lastVisit = new CompletableFuture<>();

  @Override
  public boolean open(URI uri) {
    lastVisit = http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return true;
  }

  /** The response of the last page visited (the loopback result page, after redirects). */
  CompletableFuture<HttpResponse<String>> lastVisit() {
    return lastVisit;
  }
}
