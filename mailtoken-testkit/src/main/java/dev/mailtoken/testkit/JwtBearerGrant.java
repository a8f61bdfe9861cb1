package dev.mailtoken.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.Set;

/**
 * The JWT-bearer grant (RFC 7523, Google service accounts): checks, in Google's order, the
 * signature against the registered key, {@code aud}, lifetime ({@code exp - iat <= 3600}, {@code iat}
 * within the skew of the emulator clock), scope, and domain-wide delegation for {@code sub}.
 * Thread-safe; signature verification runs outside the grants monitor.
 */
final class JwtBearerGrant {
  private static final String GOOGLE_AUDIENCE = "https://oauth2.googleapis.com/token";
  private static final String GOOGLE_LEGACY_AUDIENCE = "https://accounts.google.com/o/oauth2/token";
  private static final long MAX_LIFETIME_SECONDS = 3600;

  private final EmulatorSettings settings;
  private final Paths paths;
  private final GrantStore grants;
  private final ErrorReplies errors;
  private final TokenReplies replies;

  JwtBearerGrant(EmulatorSettings settings, Paths paths, GrantStore grants, ErrorReplies errors,
      TokenReplies replies) {
    this.settings = settings;
    this.paths = paths;
    this.grants = grants;
    this.errors = errors;
    this.replies = replies;
  }

  Reply handle(Request request) {
    String assertion = request.form().get("assertion");
    if (assertion == null || assertion.isEmpty()) {
      throw errors.reject(Problem.MISSING_PARAMETER, "assertion");
    }
    String[] parts = assertion.split("\\.", -1);
    if (parts.length != 3) {
      throw errors.reject(Problem.JWT_MALFORMED);
    }
    JsonNode header = decode(parts[0]);
    JsonNode claims = decode(parts[1]);
    String issuer = claims.path("iss").asText(null);
    ServiceAccountRegistration account = grants.serviceAccount(issuer)
        .orElseThrow(() -> errors.reject(Problem.JWT_ACCOUNT_UNKNOWN, String.valueOf(issuer)));
    String kid = header.path("kid").asText(null);
    if (!"RS256".equals(header.path("alg").asText()) || (kid != null && !kid.equals(account.keyId()))
        || !verifies(account, parts)) {
      throw errors.reject(Problem.JWT_SIGNATURE);
    }
    if (!audienceAccepted(claims.path("aud").asText(null), request)) {
      throw errors.reject(Problem.JWT_AUDIENCE);
    }
    checkTime(claims);
    String scopeText = claims.hasNonNull("scope") ? claims.get("scope").asText() : request.form().get("scope");
    Set<String> scopes = Scopes.parse(scopeText, settings.mode());
    if (scopes.isEmpty()) {
      throw errors.reject(Problem.JWT_SCOPE_EMPTY);
    }
    String subject = claims.path("sub").asText(null);
    boolean delegated = subject != null && !subject.equals(issuer);
    if (delegated && !account.delegatedScopes().containsAll(scopes)) {
      throw errors.reject(Problem.JWT_DELEGATION);
    }
    String audience = settings.mode() == EmulatorMode.MICROSOFT
        ? Scopes.resources(scopes).stream().findFirst().orElse("https://graph.microsoft.com") : issuer;
    IssuedAccessToken access = grants.newAccessToken(delegated ? subject : issuer, issuer, scopes, audience, null);
    return replies.success(access, null, settings.mode() != EmulatorMode.GOOGLE, null);
  }

  private boolean audienceAccepted(String aud, Request request) {
    if (aud == null) {
      return false;
    }
    if (settings.jwtAudience() != null) {
      return aud.equals(settings.jwtAudience());
    }
    if (settings.mode() == EmulatorMode.GOOGLE) {
      return aud.equals(GOOGLE_AUDIENCE) || aud.equals(GOOGLE_LEGACY_AUDIENCE);
    }
    return aud.equals(paths.token(request.tenant()).toString());
  }

  private void checkTime(JsonNode claims) {
    if (!claims.path("iat").canConvertToLong() || !claims.path("exp").canConvertToLong()
        || !claims.path("iat").isNumber() || !claims.path("exp").isNumber()) {
      throw errors.reject(Problem.JWT_TIME);
    }
    long iat = claims.get("iat").asLong();
    long exp = claims.get("exp").asLong();
    long now = settings.clock().instant().getEpochSecond();
    long skew = settings.jwtSkew().toSeconds();
    if (exp <= iat || exp - iat > MAX_LIFETIME_SECONDS || Math.abs(iat - now) > skew || exp < now - skew) {
      throw errors.reject(Problem.JWT_TIME);
    }
  }

  private JsonNode decode(String part) {
    try {
      JsonNode node = Reply.JSON.readTree(Base64.getUrlDecoder().decode(part));
      if (node == null || !node.isObject()) {
        throw errors.reject(Problem.JWT_MALFORMED);
      }
      return node;
    } catch (IOException | IllegalArgumentException e) {
      throw errors.reject(Problem.JWT_MALFORMED);
    }
  }

  private static boolean verifies(ServiceAccountRegistration account, String[] parts) {
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(account.publicKey());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
