package dev.mailtoken.bench.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plays the person at the browser: opens the consent URL {@code mailtoken authorize} printed (the
 * emulator consents at once and redirects) and follows the redirect to the command's loopback
 * listener, as a browser would. Stateless.
 */
final class Consent {
  private Consent() {
  }

  /** Returns the status of the loopback listener's result page (200 when the account was stored). */
  static int give(URI consentUrl) throws IOException, InterruptedException {
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<Void> redirect = browser.send(HttpRequest.newBuilder(consentUrl).timeout(Duration.ofSeconds(20))
        .build(), HttpResponse.BodyHandlers.discarding());
    String location = redirect.headers().firstValue("Location")
        .orElseThrow(() -> new IllegalStateException("the consent page did not redirect: " + redirect.statusCode()));
    HttpResponse<Void> page = browser.send(HttpRequest.newBuilder(URI.create(location))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding());
    return page.statusCode();
  }
}
