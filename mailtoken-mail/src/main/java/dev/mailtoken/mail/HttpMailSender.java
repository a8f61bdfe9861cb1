package dev.mailtoken.mail;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.TransientException;
import dev.mailtoken.UntrustedCertificateException;
import dev.mailtoken.internal.http.CredentialHttp;
import dev.mailtoken.internal.http.Excerpts;
import dev.mailtoken.internal.http.HttpCallException;
import dev.mailtoken.internal.http.HttpPolicy;
import dev.mailtoken.internal.http.HttpReply;
import dev.mailtoken.internal.http.HttpStatuses;
import dev.mailtoken.internal.http.RetryAfter;
import dev.mailtoken.internal.http.TlsFailures;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Rejection;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends MIME bytes through {@link GmailApi} or {@link GraphApi} with a bearer token for the API's
 * scope set ({@link MailTransport#tokenScopes()}), renewing it once on a 401 and retrying once. Requests go through core's {@link CredentialHttp}: https
 * except loopback (refused before sending), no redirects, connect and request timeouts, answers
 * up to {@value #MAX_RESPONSE_BYTES} bytes. Failures: 401 twice {@link AuthenticationRejectedException},
 * 403 {@link ConfigurationException}, a refused server certificate
 * {@link UntrustedCertificateException}, 408/429/5xx and network {@link TransientException} (with
 * {@code Retry-After} in seconds or as a date, at most a day), else {@link MailApiException};
 * body excerpts never hold the token. Thread-safe.
 */
final class HttpMailSender {
  private static final Logger LOG = LoggerFactory.getLogger(HttpMailSender.class);
  /** Send answers are a few hundred bytes (Gmail's ids, Graph's empty 202); error pages a few kilobytes. */
  static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private final CredentialHttp http;
  private final TokenAccess tokens;
  private final Clock clock;
  private final MailEvents events;

  /**
   * @param timeout the connect timeout and the deadline of each whole request
   * @param sslContext the TLS context, or null for the JDK default
   */
  HttpMailSender(
      TokenAccess tokens, Duration timeout, SSLContext sslContext, Clock clock, MailEvents events) {
    this.http = new CredentialHttp(HttpPolicy.newClient(timeout, sslContext), timeout, MAX_RESPONSE_BYTES);
    this.tokens = tokens;
    this.clock = clock;
    this.events = events;
  }

  /** The response body of a successful send. */
  String send(MailTransport api, String account, byte[] mime) throws MailtokenException {
    List<String> scopes = api.tokenScopes();
    AccessToken token = tokens.token(account, scopes);
    // Encoded once: a retry after a 401 differs only in its Authorization header.
    HttpRequest.Builder unsigned = api instanceof GmailApi gmail ? gmail.request(mime)
        : ((GraphApi) api).request(account, mime);
    for (int round = 0; ; round++) {
      HttpRequest request = unsigned.copy().header("Authorization", "Bearer " + token.value().reveal()).build();
      HttpReply reply = exchange(request, account, api).withoutSecrets(List.of(token.value().reveal()));
      LOG.debug("{} send account={} token={} status={} in {} ms", api.name(), account, token.value().fingerprint(),
          reply.status(), reply.elapsedMillis());
      if (reply.isSuccess()) {
        return reply.body();
      }
      if (reply.status() == 401 && round == 0) {
        events.tokenRejected(account, api.name());
        token = tokens.renew(account, scopes, token, Rejection.of(api.name(), "HTTP 401: "
            + Excerpts.of(reply.body())));
        continue;
      }
      throw failure(api, account, reply);
    }
  }

  private HttpReply exchange(HttpRequest request, String account, MailTransport api) throws MailtokenException {
    try {
      return http.send(request);
    } catch (HttpCallException e) {
      throw noAnswer(api, account, e);
    }
  }

  private MailtokenException noAnswer(MailTransport api, String account, HttpCallException e) {
    switch (e.kind()) {
      case INSECURE_TRANSPORT:
        return new ConfigurationException("refusing to send the access token for " + account + " to " + api.name()
            + " at " + e.uri() + ": " + HttpPolicy.rule() + "; configure the API's https base URI", account, null,
            null);
      case TOO_LARGE:
        return tooLarge(api, account, e);
      case TIMEOUT:
        return new TransientException(api.name() + " did not answer for " + account + " within "
            + http.requestTimeout().toMillis() + " ms; the message may have been sent: check before sending it again",
            account, null, null, e.getCause());
      case INTERRUPTED:
        return new TransientException("interrupted while sending as " + account, account, null, null, e.getCause());
      default:
        Optional<String> refused = TlsFailures.certificateRefused(e.getCause());
        if (refused.isPresent()) {
          return new UntrustedCertificateException(e.uri().toString(), account, refused.get(), e.getCause());
        }
        return new TransientException(api.name() + " could not be reached for " + account + " ("
            + unreachable(e.getCause()) + "); retry later", account, null, null, e.getCause());
    }
  }

  /** What kept the API out of reach, in words rather than class names. */
  private static String unreachable(Throwable cause) {
    if (cause instanceof java.net.ConnectException) {
      return "connection refused";
    }
    if (cause instanceof java.net.UnknownHostException) {
      return "unknown host " + cause.getMessage();
    }
    if (cause instanceof javax.net.ssl.SSLException) {
      return "TLS failed: " + cause.getMessage();
    }
    return cause == null || cause.getMessage() == null ? "I/O error" : cause.getMessage();
  }

  private MailtokenException tooLarge(MailTransport api, String account, HttpCallException e) {
    String what = api.name() + " answered HTTP " + e.status() + " with a body larger than " + MAX_RESPONSE_BYTES
        + " bytes (not read)";
    if (HttpStatuses.isSuccess(e.status())) {
      // Accepted, so a retry would send the message twice: not transient.
      return new MailtokenException(what + " for a message from " + account + "; the message was probably sent:"
          + " check the Sent folder before sending it again, and check the API base URI", account, null, null);
    }
    if (HttpStatuses.isTransient(e.status())) {
      return new TransientException(what + " for " + account + "; this is usually temporary: retry later", account,
          null, null, new MailApiException(account, api.name(), e.status(), "a body larger than " + MAX_RESPONSE_BYTES
              + " bytes (not read)"));
    }
    return new MailApiException(account, api.name(), e.status(), "a body larger than " + MAX_RESPONSE_BYTES
        + " bytes (not read)");
  }

  private MailtokenException failure(MailTransport api, String account, HttpReply reply) {
    int status = reply.status();
    String excerpt = Excerpts.of(reply.body());
    if (status == 401) {
      return new AuthenticationRejectedException(account, "HTTP 401 from " + api.name() + ": " + excerpt, null);
    }
    if (status == 403) {
      return new ConfigurationException(api.name() + " refused to send as " + account + " (HTTP 403): the token lacks"
          + " the send permission (" + (api instanceof GmailApi ? "gmail.send or https://mail.google.com/" : "Mail.Send")
          + ") or the API is not enabled for the app. Authorize with that scope. Server said: " + excerpt,
          account, null, null);
    }
    if (!reply.isTransientStatus()) {
      return new MailApiException(account, api.name(), status, excerpt);
    }
    Duration retryAfter = RetryAfter.parse(reply.header("Retry-After"), clock).orElse(null);
    String wait = retryAfter == null ? "a back-off" : retryAfter.toSeconds() + " s";
    if (status == 429) {
      return new TransientException(api.name() + " is throttling " + account + " (HTTP 429); retry after " + wait,
          account, null, retryAfter, null);
    }
    return new TransientException(api.name() + " answered HTTP " + status + " to a message from " + account
        + "; this is usually temporary: retry after " + wait, account, null, retryAfter,
        new MailApiException(account, api.name(), status, excerpt));
  }
}
