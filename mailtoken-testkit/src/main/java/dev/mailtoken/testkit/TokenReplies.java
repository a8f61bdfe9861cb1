package dev.mailtoken.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/** Builds successful token responses in the mode's shape, with the {@code expires_in} knob. Thread-safe. */
final class TokenReplies {
  private final EmulatorSettings settings;
  private final TokenValues values;

  TokenReplies(EmulatorSettings settings) {
    this.settings = settings;
    this.values = new TokenValues(settings.mode());
  }

  /**
   * @param refreshToken null = none in the response
   * @param issuer non-null = add an {@code id_token} if {@code openid} was granted
   */
  Reply success(IssuedAccessToken access, String refreshToken, boolean includeScope, String issuer) {
    ObjectNode body = Reply.JSON.createObjectNode();
    body.put("access_token", access.value);
    long expiresIn = Duration.between(access.issuedAt, access.expiresAt).toSeconds();
    switch (settings.expiresIn()) {
      case STRING -> body.put("expires_in", Long.toString(expiresIn));
      case OMITTED -> { }
      case NOT_A_NUMBER -> body.put("expires_in", "soon");
      case NEGATIVE -> body.put("expires_in", -1);
      default -> body.put("expires_in", expiresIn);
    }
    if (settings.mode() == EmulatorMode.MICROSOFT) {
      body.put("ext_expires_in", expiresIn);
    }
    if (includeScope) {
      body.put("scope", Scopes.join(access.scopes));
    }
    body.put("token_type", "Bearer");
    if (refreshToken != null) {
      body.put("refresh_token", refreshToken);
    }
    if (issuer != null && access.scopes.contains("openid")) {
      body.put("id_token", idToken(access, issuer));
    }
    return Reply.json(200, body);
  }

  /**
   * An unverifiable (randomly "signed") ID token with the claims clients read: iss, aud, sub,
   * email (unless the knob drops it) and, MICROSOFT with {@code profile}, preferred_username (the UPN).
   */
  private String idToken(IssuedAccessToken access, String issuer) {
    ObjectNode header = Reply.JSON.createObjectNode().put("alg", "RS256").put("kid", "emulator").put("typ", "JWT");
    long now = settings.clock().instant().getEpochSecond();
    ObjectNode claims = Reply.JSON.createObjectNode()
        .put("iss", issuer)
        .put("aud", access.clientId)
        .put("sub", TokenValues.fingerprint(access.user) + "0000");
    if (settings.idTokenEmailClaim()) {
      claims.put("email", access.user).put("email_verified", true);
    }
    if (settings.mode() == EmulatorMode.MICROSOFT && access.scopes.contains("profile")) {
      claims.put("preferred_username", access.user);
    }
    claims.put("iat", now).put("exp", now + 3600);
    return b64(header.toString()) + "." + b64(claims.toString()) + "." + values.random(64);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static boolean hasOpenId(Set<String> scopes) {
    return scopes.contains("openid");
  }
}
