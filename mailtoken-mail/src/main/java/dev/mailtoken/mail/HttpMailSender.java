package dev.mailtoken.mail;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.TransientException;
import dev.mailtoken.token.AccessToken;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends MIME bytes through {@link GmailApi} or {@link GraphApi} with a bearer token, renewing
 * it once on a 401 and retrying once. Thread-safe (one shared {@link HttpClient}).
 */
final class HttpMailSender {
  private static final Logger LOG = LoggerFactory.getLogger(HttpMailSender.class);
  private static final int EXCERPT = 300;

  private final HttpClient http;
  private final Credentials credentials;
  private final Duration timeout;

  HttpMailSender(HttpClient http, Credentials credentials, Duration timeout) {
    this.http = http;
    this.credentials = credentials;
    this.timeout = timeout;
  }

  /** The response body of a successful send. */
  String send(MailTransport api, String account, byte[] mime) throws MailtokenException {
    AccessToken token = credentials.token(account);
    // Encoded once: a retry after a 401 differs only in its Authorization header.
    HttpRequest.Builder unsigned = (api instanceof GmailApi gmail ? gmail.request(mime)
        : ((GraphApi) api).request(account, mime)).timeout(timeout);
    for (int round = 0; ; round++) {
      HttpRequest request = unsigned.copy().header("Authorization", "Bearer " + token.value().reveal()).build();
      HttpResponse<String> response = exchange(request, account, api);
      int status = response.statusCode();
      LOG.debug("{} send account={} token={} status={}", api.name(), account, token.value().fingerprint(), status);
      if (status >= 200 && status < 300) {
        return response.body();
      }
      if (status == 401 && round == 0) {
        token = credentials.renew(account, token);
        continue;
      }
      throw failure(api, account, response);
    }
  }

  private HttpResponse<String> exchange(HttpRequest request, String account, MailTransport api) throws MailtokenException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TransientException(api.name() + " could not be reached for " + account + ": " + e.getClass().getSimpleName()
          + "; retry later", account, null, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while sending as " + account, account, null, null, e);
    }
  }

  private static MailtokenException failure(MailTransport api, String account, HttpResponse<String> response) {
    int status = response.statusCode();
    String body = response.body() == null ? "" : response.body();
    String excerpt = body.length() > EXCERPT ? body.substring(0, EXCERPT) + "…" : body;
    if (status == 401) {
      return new AuthenticationRejectedException(account, "HTTP 401 from " + api.name() + ": " + excerpt, null);
    }
    if (status == 403) {
      return new ConfigurationException(api.name() + " refused to send as " + account + " (HTTP 403): the token lacks"
          + " the send permission (" + (api instanceof GmailApi ? "gmail.send or https://mail.google.com/" : "Mail.Send")
          + ") or the API is not enabled for the app. Authorize with that scope. Server said: " + excerpt,
          account, null, null);
    }
    if (status == 429) {
      Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(HttpMailSender::seconds).orElse(null);
      return new TransientException(api.name() + " is throttling " + account + " (HTTP 429); retry after "
          + (retryAfter == null ? "a back-off" : retryAfter.toSeconds() + " s"), account, null, retryAfter, null);
    }
    return new MailApiException(account, api.name(), status, excerpt);
  }

  private static java.util.Optional<Duration> seconds(String value) {
    try {
      return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
