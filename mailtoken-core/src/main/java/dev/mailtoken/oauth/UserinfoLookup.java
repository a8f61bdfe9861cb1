package dev.mailtoken.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.Secret;
import dev.mailtoken.internal.http.Excerpts;
import dev.mailtoken.internal.http.HttpReply;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a provider's OpenID Connect userinfo endpoint for the email an access token belongs to;
 * logs under {@link OAuthClient}'s logger, fingerprints only. Immutable and thread-safe.
 */
final class UserinfoLookup {
  private static final Logger log = LoggerFactory.getLogger(OAuthClient.class);

  private final EndpointCaller caller;
  private final FailureClassifier classifier;

  UserinfoLookup(EndpointCaller caller, FailureClassifier classifier) {
    this.caller = caller;
    this.classifier = classifier;
  }

  /** See {@link OAuthClient#userinfoEmail}. */
  Optional<String> email(OAuthProvider provider, Secret accessToken) throws MailtokenException {
    Optional<URI> endpoint = provider.userinfoEndpoint();
    if (endpoint.isEmpty()) {
      return Optional.empty();
    }
    Target target = new Target(provider.name(), endpoint.get(), null);
    HttpReply reply = caller.get(GrantType.USERINFO, target, "Bearer " + accessToken.reveal())
        .withoutSecrets(List.of(accessToken.reveal()));
    log.debug("userinfo GET {} -> HTTP {} in {} ms access_token={}", target.endpoint(), reply.status(),
        reply.elapsedMillis(), accessToken.fingerprint());
    if (reply.isTransientStatus()) {
      throw classifier.classify(GrantType.USERINFO, target, reply);
    }
    if (!reply.isSuccess()) {
      return Optional.empty();
    }
    JsonNode json = Json.parseOrNull(reply.body());
    if (json == null || !json.isObject()) {
      String excerpt = Excerpts.of(reply.body());
      throw new InvalidResponseException(provider.name() + " answered the userinfo request with HTTP " + reply.status()
          + " and a body that is not a JSON object: \"" + excerpt + "\"; check the userinfo endpoint URL", null,
          reply.status(), excerpt, Json.looksTruncated(reply.body()), null);
    }
    JsonNode email = json.path("email");
    return email.isTextual() && !email.asText().isBlank() ? Optional.of(email.asText()) : Optional.empty();
  }
}
