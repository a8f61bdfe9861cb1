package dev.mailtoken.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Google service-account key: the account's e-mail, its RSA private key and key id, and where
 * to send assertions. Read one from the JSON key file the Cloud console downloads, or build one
 * from a PEM key (PKCS#8 or PKCS#1).
 *
 * <p>Signs RS256 JWT assertions (RFC 7523) with the JDK. The {@code aud} claim is
 * {@code https://oauth2.googleapis.com/token} by default even when the token URI is different:
 * Google checks the audience against that value (T-B-03).
 *
 * <p>Immutable and thread-safe. {@code toString} shows the account and key id, never the key.
 */
public final class ServiceAccountKey {
  /** Google caps an assertion's lifetime at one hour (T-B-01). */
  public static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);

  private final String clientEmail;
  private final Optional<String> privateKeyId;
  private final RSAPrivateKey privateKey;
  private final URI tokenUri;
  private final String audience;

  private ServiceAccountKey(String clientEmail, String privateKeyId, RSAPrivateKey privateKey, URI tokenUri,
      String audience) {
    this.clientEmail = clientEmail;
    this.privateKeyId = Optional.ofNullable(privateKeyId);
    this.privateKey = privateKey;
    this.tokenUri = tokenUri;
    this.audience = audience;
  }

  /**
   * Reads a Google JSON key file's text. The {@code \n} escapes in {@code private_key} are
   * decoded by the JSON parser (T-B-07).
   *
   * @throws IllegalArgumentException naming the missing or wrong field; never includes the key
   */
  public static ServiceAccountKey fromJson(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the service-account key file is not valid JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the service-account key file must be a JSON object");
    }
    String type = field(root, "type");
    if (!type.equals("service_account")) {
      throw new IllegalArgumentException("field \"type\" of the key file is " + shown(type) + ", expected"
          + " \"service_account\" (an OAuth client file or user credentials file is not a service-account key)");
    }
    String email = field(root, "client_email");
    if (!email.contains("@")) {
      throw new IllegalArgumentException("field \"client_email\" of the key file is not an e-mail address");
    }
    String pem = field(root, "private_key");
    RSAPrivateKey key;
    try {
      key = PemPrivateKeys.parse(pem);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field \"private_key\" of the key file is wrong: " + e.getMessage());
    }
    String keyId = root.path("private_key_id").isTextual() ? root.path("private_key_id").asText() : null;
    URI tokenUri = OAuthProvider.GOOGLE_TOKEN;
    if (root.hasNonNull("token_uri")) {
      try {
        tokenUri = URI.create(field(root, "token_uri"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("field \"token_uri\" of the key file is not a valid URI");
      }
      if (!tokenUri.isAbsolute()) {
        throw new IllegalArgumentException("field \"token_uri\" of the key file must be an absolute URI");
      }
    }
    return new ServiceAccountKey(email, keyId == null || keyId.isEmpty() ? null : keyId, key, tokenUri,
        OAuthProvider.GOOGLE_TOKEN.toString());
  }

  /** Reads a Google JSON key file. */
  public static ServiceAccountKey fromJson(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try {
      return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A key from a PEM private key (PKCS#8 or PKCS#1).
   *
   * @param privateKeyId the key id for the JWT header {@code kid}, or null
   */
  public static ServiceAccountKey fromPem(String clientEmail, String pem, String privateKeyId) {
    Objects.requireNonNull(clientEmail, "clientEmail");
    Objects.requireNonNull(pem, "pem");
    return new ServiceAccountKey(clientEmail, privateKeyId, PemPrivateKeys.parse(pem), OAuthProvider.GOOGLE_TOKEN,
        OAuthProvider.GOOGLE_TOKEN.toString());
  }

  /**
   * A field value for a message: quoted when it is a short plain word, else only its length (a
   * mangled file may have the private key where the type should be).
   */
  private static String shown(String value) {
    return value.length() <= 32 && value.matches("[A-Za-z0-9_.@-]*") ? "\"" + value + "\""
        : "a value of " + value.length() + " characters (not shown)";
  }

  private static String field(JsonNode root, String name) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("field \"" + name + "\" is missing from the service-account key file");
    }
    if (!n.isTextual() || n.asText().isBlank()) {
      throw new IllegalArgumentException("field \"" + name + "\" of the service-account key file must be a"
          + " non-empty string");
    }
    return n.asText();
  }

  /** A copy sending assertions to {@code tokenUri} (the {@code aud} claim does not change). */
  public ServiceAccountKey withTokenUri(URI tokenUri) {
    Objects.requireNonNull(tokenUri, "tokenUri");
    return new ServiceAccountKey(clientEmail, privateKeyId.orElse(null), privateKey, tokenUri, audience);
  }

  /** A copy whose assertions carry {@code audience} as {@code aud} (for non-Google servers). */
  public ServiceAccountKey withAudience(String audience) {
    Objects.requireNonNull(audience, "audience");
    return new ServiceAccountKey(clientEmail, privateKeyId.orElse(null), privateKey, tokenUri, audience);
  }

  public String clientEmail() {
    return clientEmail;
  }

  public Optional<String> privateKeyId() {
    return privateKeyId;
  }

  public URI tokenUri() {
    return tokenUri;
  }

  public String audience() {
    return audience;
  }

  /**
   * Signs an assertion issued at {@code issuedAt}, valid for {@code lifetime}. Time is an
   * argument so callers (and tests) decide the clock.
   *
   * @param subject the user to act as (domain-wide delegation), or null for the service account itself
   * @throws IllegalArgumentException when {@code lifetime} is not in (0, 1 h] or no scope is given
   */
  public Secret createAssertion(String subject, List<String> scopes, Instant issuedAt, Duration lifetime) {
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(lifetime, "lifetime");
    List<String> s = Scopes.checked(scopes);
    if (s.isEmpty()) {
      throw new IllegalArgumentException("a service-account assertion needs at least one scope");
    }
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_ASSERTION_LIFETIME) > 0) {
      throw new IllegalArgumentException("assertion lifetime must be more than 0 and at most 1 hour, got " + lifetime);
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    privateKeyId.ifPresent(kid -> header.put("kid", kid));
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", clientEmail);
    claims.put("scope", Scopes.join(s));
    claims.put("aud", audience);
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("exp", issuedAt.getEpochSecond() + lifetime.toSeconds());
    if (subject != null && !subject.isEmpty()) {
      claims.put("sub", subject);
    }
    String signingInput = base64Json(header) + "." + base64Json(claims);
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(privateKey);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return Secret.of(signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not sign the assertion for " + clientEmail + " with RS256", e);
    }
  }

  private static String base64Json(Map<String, Object> value) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JWT part", e);
    }
  }

  @Override
  public String toString() {
    return "ServiceAccountKey[" + clientEmail + ", kid=" + privateKeyId.orElse("none") + ", tokenUri=" + tokenUri + "]";
  }
}
