package dev.mailtoken.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.Secret;
import dev.mailtoken.internal.http.Excerpts;
import dev.mailtoken.internal.http.HttpReply;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a 2xx token-endpoint body (RFC 6749 §5.1) into a {@link TokenResponse}, tolerating what
 * real providers send: {@code expires_in} as a string (T-G-05), {@code token_type} in any case
 * (T-E-05), no {@code scope} (then the requested scopes were granted).
 */
final class TokenResponseReader {
  private final Clock clock;

  TokenResponseReader(Clock clock) {
    this.clock = clock;
  }

  TokenResponse read(GrantType grant, Target target, HttpReply reply, Collection<String> requestedScopes)
      throws InvalidResponseException {
    JsonNode json = Json.parseOrNull(reply.body());
    if (json == null || !json.isObject()) {
      boolean truncated = Json.looksTruncated(reply.body());
      throw invalid(grant, target, reply, "a body that is not a JSON object"
          + (truncated ? " (it was cut short; retry later)" : ""), truncated);
    }
    String accessToken = text(json, "access_token");
    if (accessToken == null || accessToken.isEmpty()) {
      throw invalid(grant, target, reply, "JSON without an access_token", false);
    }
    String tokenType = text(json, "token_type");
    if (tokenType == null) {
      // RFC 6749 requires it, but some servers omit it; every mail provider issues bearer tokens.
      tokenType = "Bearer";
    } else if (!tokenType.equalsIgnoreCase("bearer")) {
      throw invalid(grant, target, reply, "token_type \"" + tokenType + "\"; only Bearer tokens can be used for mail",
          false);
    }
    Optional<Duration> expiresIn = expiresIn(json.get("expires_in"));
    String scope = text(json, "scope");
    Set<String> scopes = scope != null ? Scopes.split(scope) : new LinkedHashSet<>(requestedScopes);
    String refresh = text(json, "refresh_token");
    String idToken = text(json, "id_token");
    return new TokenResponse(Secret.of(accessToken), tokenType, expiresIn, scopes,
        refresh == null || refresh.isEmpty() ? Optional.empty() : Optional.of(Secret.of(refresh)),
        idToken == null || idToken.isEmpty() ? Optional.empty() : Optional.of(idToken),
        clock.instant());
  }

  /** A number or a numeric string (T-G-05); anything else, negative or missing means "unknown". */
  static Optional<Duration> expiresIn(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    long seconds;
    if (node.isNumber()) {
      seconds = node.asLong();
    } else if (node.isTextual() && node.asText().trim().matches("\\d{1,12}")) {
      seconds = Long.parseLong(node.asText().trim());
    } else {
      return Optional.empty();
    }
    return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
  }

  private static String text(JsonNode json, String field) {
    JsonNode n = json.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static InvalidResponseException invalid(GrantType grant, Target target, HttpReply reply, String what,
      boolean truncated) {
    String excerpt = Excerpts.of(reply.body());
    return new InvalidResponseException(target.provider() + " answered the " + grant.description() + target.who()
        + " with HTTP " + reply.status() + " but " + what + ": \"" + excerpt + "\"; check the token endpoint URL",
        target.account(), reply.status(), excerpt, truncated, null);
  }
}
