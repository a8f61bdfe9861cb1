package dev.mailtoken.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A few claims of an OpenID Connect {@code id_token}, decoded WITHOUT verifying its signature.
 * Good for naming the account the user just connected ("connected alice@example.com"), because
 * the token came straight from the token endpoint over TLS; never use it to authenticate anyone.
 *
 * @param email the {@code email} claim, when present
 * @param emailVerified the {@code email_verified} claim (false when absent)
 * @param subject the {@code sub} claim, when present
 * @param issuer the {@code iss} claim, when present
 */
public record IdTokenClaims(Optional<String> email, boolean emailVerified, Optional<String> subject,
    Optional<String> issuer) {

  /** Decodes the payload of a compact JWT; empty when it is not one. */
  public static Optional<IdTokenClaims> decode(String idToken) {
    if (idToken == null) {
      return Optional.empty();
    }
    String[] parts = idToken.split("\\.");
    if (parts.length < 2) {
      return Optional.empty();
    }
    JsonNode claims;
    try {
      claims = Json.parseOrNull(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (claims == null || !claims.isObject()) {
      return Optional.empty();
    }
    JsonNode verified = claims.path("email_verified");
    return Optional.of(new IdTokenClaims(text(claims, "email"),
        verified.isBoolean() ? verified.asBoolean() : "true".equals(verified.asText()),
        text(claims, "sub"), text(claims, "iss")));
  }

  private static Optional<String> text(JsonNode claims, String field) {
    return claims.path(field).isTextual() ? Optional.of(claims.path(field).asText()) : Optional.empty();
  }
}
