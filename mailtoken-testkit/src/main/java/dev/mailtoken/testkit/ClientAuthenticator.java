package dev.mailtoken.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * Token-endpoint client authentication: {@code client_secret_basic} (id and secret form-decoded
 * after base64, RFC 6749 §2.3.1), {@code client_secret_post}, or none for public clients.
 * Thread-safe.
 */
final class ClientAuthenticator {
  private final GrantStore grants;
  private final ErrorReplies errors;

  ClientAuthenticator(GrantStore grants, ErrorReplies errors) {
    this.grants = grants;
    this.errors = errors;
  }

  /** The authenticated client; throws a {@link Rejection} otherwise. */
  ClientRegistration authenticate(Request request) {
    String id = request.param("client_id");
    String secret = request.form().get("client_secret");
    String header = request.header("authorization");
    if (header != null && header.toLowerCase(Locale.ROOT).startsWith("basic ")) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw errors.reject(Problem.CLIENT_ID_MISSING);
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw errors.reject(Problem.CLIENT_ID_MISSING);
      }
      // RFC 6749 §2.3.1: id and secret are form-encoded before base64; a raw '%' fails to decode.
      id = Form.decodeStrict(decoded.substring(0, colon));
      secret = Form.decodeStrict(decoded.substring(colon + 1));
      if (id == null || secret == null) {
        throw errors.reject(Problem.BAD_SECRET, String.valueOf(id));
      }
    }
    if (id == null || id.isEmpty()) {
      throw errors.reject(Problem.CLIENT_ID_MISSING);
    }
    String clientId = id;
    ClientRegistration client = grants.client(clientId)
        .orElseThrow(() -> errors.reject(Problem.CLIENT_NOT_FOUND, clientId));
    if (client.type() == ClientType.PUBLIC) {
      if (secret != null && !secret.isEmpty()) {
        throw errors.reject(Problem.PUBLIC_CLIENT_SECRET);
      }
      return client;
    }
    if (client.clientSecret() == null) {
      return client;
    }
    if (secret == null || secret.isEmpty()) {
      throw errors.reject(Problem.SECRET_MISSING);
    }
    if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
        client.clientSecret().getBytes(StandardCharsets.UTF_8))) {
      throw errors.reject(Problem.BAD_SECRET, clientId);
    }
    return client;
  }
}
