package dev.mailtoken.oauth;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.OAuthError;
import dev.mailtoken.Secret;
import dev.mailtoken.internal.http.HttpReply;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revokes tokens at a provider's revocation endpoint (RFC 7009), counting a token the provider no
 * longer knows as revoked; logs under {@link OAuthClient}'s logger, fingerprints only. Immutable
 * and thread-safe.
 */
final class TokenRevoker {
  private static final Logger log = LoggerFactory.getLogger(OAuthClient.class);

  private final EndpointCaller caller;
  private final FailureClassifier classifier;

  TokenRevoker(EndpointCaller caller, FailureClassifier classifier) {
    this.caller = caller;
    this.classifier = classifier;
  }

  /** See {@link OAuthClient#revoke}. */
  Revocation revoke(App app, Secret token, TokenTypeHint hint) throws MailtokenException {
    Optional<URI> endpoint = app.provider().revocationEndpoint();
    if (endpoint.isEmpty()) {
      log.debug("revocation of {} skipped: provider {} has no revocation endpoint", token.fingerprint(),
          app.provider().name());
      return Revocation.NOT_SUPPORTED;
    }
    Target target = new Target(app.provider().name(), endpoint.get(), null);
    Form form = new Form().add("token", token.reveal());
    if (hint != null) {
      form.add("token_type_hint", hint.wireName());
    }
    HttpReply reply = caller.post(GrantType.REVOCATION, target, ClientAuthenticator.authenticate(app, form),
        ClientAuthenticator.basicAuthorization(app)).withoutSecrets(ClientAuthenticator.secretsOf(app, form));
    log.debug("revocation POST {} -> HTTP {} in {} ms token={}", target.endpoint(), reply.status(),
        reply.elapsedMillis(), token.fingerprint());
    if (reply.isSuccess()) {
      return Revocation.REVOKED;
    }
    Optional<OAuthError> error = FailureClassifier.oauthError(reply);
    if (reply.status() == 400 && error.isPresent() && error.get().error().equals("invalid_token")) {
      return Revocation.ALREADY_INVALID;
    }
    throw classifier.classify(GrantType.REVOCATION, target, reply);
  }
}
