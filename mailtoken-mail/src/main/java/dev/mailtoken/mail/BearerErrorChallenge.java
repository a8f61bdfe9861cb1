package dev.mailtoken.mail;

import dev.mailtoken.internal.ServerText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The JSON a server sends in its SASL error challenge: Gmail's
 * {@code {"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}} or RFC 7628's
 * {@code {"status":"invalid_token","scope":..}}. Fields the server left out are empty strings;
 * control characters are escaped Java-style ({@code \n}, {@code \}{@code u001b}).
 * Immutable and thread-safe.
 *
 * @param status "400", "401", "invalid_token", ...
 * @param schemes the authentication schemes the server accepts
 * @param scope the scope the server requires
 */
public record BearerErrorChallenge(String status, String schemes, String scope) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public BearerErrorChallenge {
    status = ServerText.printable(status);
    schemes = ServerText.printable(schemes);
    scope = ServerText.printable(scope);
  }

  /** Decodes a challenge; empty when it is not a JSON object. */
  static Optional<BearerErrorChallenge> parse(byte[] challenge) {
    try {
      JsonNode n = JSON.readTree(new String(challenge, StandardCharsets.UTF_8).trim());
      if (n == null || !n.isObject()) {
        return Optional.empty();
      }
      return Optional.of(new BearerErrorChallenge(n.path("status").asText(""), n.path("schemes").asText(""),
          n.path("scope").asText("")));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
