package dev.mailtoken.oauth;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.internal.http.HttpReply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a grant to a token endpoint with the app's client authentication and reads the answer
 * into a {@link TokenResponse} or a classified failure, logging one DEBUG line per request with
 * fingerprints only (under {@link OAuthClient}'s logger). Immutable and thread-safe.
 */
final class TokenEndpoint {
  private static final Logger log = LoggerFactory.getLogger(OAuthClient.class);

  private final EndpointCaller caller;
  private final FailureClassifier classifier;
  private final TokenResponseReader reader;
  private final Duration completionTimeout;

  TokenEndpoint(EndpointCaller caller, FailureClassifier classifier, TokenResponseReader reader,
      Duration completionTimeout) {
    this.caller = caller;
    this.classifier = classifier;
    this.reader = reader;
    this.completionTimeout = completionTimeout;
  }

  /** Sends {@code r} and waits for the answer up to the request timeout. */
  TokenResponse refresh(App app, RefreshRequest r) throws MailtokenException {
    return exchange(GrantType.REFRESH_TOKEN, r.target(), app, r.form(), r.requested(), r.sent());
  }

  /**
   * Sends {@code r} now; the future reads the answer until the completion timeout and fails with
   * the exceptions {@link #refresh} throws. Completion runs on the HTTP client's executor.
   */
  CompletableFuture<TokenResponse> refreshAsync(App app, RefreshRequest r) {
    CompletableFuture<HttpReply> reply;
    try {
      reply = caller.postAsync(GrantType.REFRESH_TOKEN, r.target(), ClientAuthenticator.authenticate(app, r.form()),
          ClientAuthenticator.basicAuthorization(app), completionTimeout);
    } catch (MailtokenException e) {
      return CompletableFuture.failedFuture(e);
    }
    return reply.thenApply(answer -> {
      try {
        return read(GrantType.REFRESH_TOKEN, r.target(), answer.isSuccess() ? answer
            : answer.withoutSecrets(ClientAuthenticator.secretsOf(app, r.form())), r.requested(), r.sent());
      } catch (MailtokenException e) {
        throw new CompletionException(e);
      }
    });
  }

  /**
   * Posts {@code form} (with the app's client authentication) and reads the answer; a failed
   * answer has the request's secrets removed before it reaches an exception.
   */
  TokenResponse exchange(GrantType grant, Target target, App app, Form form, List<String> requested, String sent)
      throws MailtokenException {
    HttpReply reply = caller.post(grant, target, ClientAuthenticator.authenticate(app, form),
        ClientAuthenticator.basicAuthorization(app));
    if (!reply.isSuccess()) {
      reply = reply.withoutSecrets(ClientAuthenticator.secretsOf(app, form));
    }
    return read(grant, target, reply, requested, sent);
  }

  /** Reads the answer and logs the one DEBUG line for the request: fingerprints only, never values. */
  TokenResponse read(GrantType grant, Target target, HttpReply reply, List<String> requested, String sent)
      throws MailtokenException {
    if (!reply.isSuccess()) {
      MailtokenException failure = classifier.classify(grant, target, reply);
      log.debug("{} POST {} -> HTTP {} in {} ms account={} {} error={}", grant.description(), target.endpoint(),
          reply.status(), reply.elapsedMillis(), target.account(), sent, failure.oauthError()
              .map(e -> e.error() + (e.subtype().isEmpty() ? "" : "/" + e.subtype()))
              .orElse(failure.getClass().getSimpleName()));
      throw failure;
    }
    TokenResponse r = reader.read(grant, target, reply, requested);
    log.debug("{} POST {} -> HTTP {} in {} ms account={} {} access_token={} refresh_token={} expires_in={}",
        grant.description(), target.endpoint(), reply.status(), reply.elapsedMillis(), target.account(), sent,
        r.accessToken().fingerprint(), r.refreshToken().map(Secret::fingerprint).orElse("none"),
        r.expiresIn().map(d -> d.toSeconds() + "s").orElse("unknown"));
    return r;
  }
}
