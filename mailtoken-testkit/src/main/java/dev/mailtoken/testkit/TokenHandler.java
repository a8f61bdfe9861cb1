package dev.mailtoken.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token endpoint: {@code authorization_code} (single use, PKCE, redirect check),
 * {@code refresh_token} (rotation policies, expiry knobs), {@code client_credentials}, JWT bearer
 * (delegated to {@link JwtBearerGrant}) and the device code (delegated to {@link DeviceCodeGrant}). Thread-safe: each grant's checks and updates
 * run under the {@link GrantStore} monitor.
 */
final class TokenHandler {
  private static final Logger log = LoggerFactory.getLogger(TokenHandler.class);
  static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private final EmulatorSettings settings;
  private final Paths paths;
  private final GrantStore grants;
  private final ErrorReplies errors;
  private final TokenReplies replies;
  private final ClientAuthenticator authenticator;
  private final JwtBearerGrant jwtBearer;
  private final DeviceCodeGrant deviceCode;

  TokenHandler(EmulatorSettings settings, Paths paths, GrantStore grants, ErrorReplies errors) {
    this.settings = settings;
    this.paths = paths;
    this.grants = grants;
    this.errors = errors;
    this.replies = new TokenReplies(settings);
    this.authenticator = new ClientAuthenticator(grants, errors);
    this.jwtBearer = new JwtBearerGrant(settings, paths, grants, errors, replies);
    this.deviceCode = new DeviceCodeGrant(settings, paths, grants, errors, replies);
  }

  Reply handle(Request request) {
    if (!request.method().equals("POST")) {
      return Reply.text(405, "The token endpoint takes POST.").withHeader("Allow", "POST");
    }
    String grantType = request.form().get("grant_type");
    if (grantType == null) {
      throw errors.reject(Problem.MISSING_PARAMETER, "grant_type");
    }
    switch (grantType) {
      case "authorization_code":
        return authorizationCode(request, authenticator.authenticate(request));
      case "refresh_token":
        return refresh(request, authenticator.authenticate(request));
      case "client_credentials":
        return clientCredentials(request);
      case JWT_BEARER:
        return jwtBearer.handle(request);
      case DeviceCodeGrant.GRANT_TYPE:
        return deviceCode.handle(request, authenticator.authenticate(request));
      default:
        throw errors.reject(Problem.UNSUPPORTED_GRANT, grantType);
    }
  }

  private Reply authorizationCode(Request request, ClientRegistration client) {
    String value = required(request, "code");
    synchronized (grants) {
      AuthorizationCode code = grants.code(value);
      if (code == null) {
        throw errors.reject(Problem.CODE_MALFORMED);
      }
      if (code.redeemed) {
        throw errors.reject(Problem.CODE_REDEEMED);
      }
      if (!grants.now().isBefore(code.expiresAt)) {
        throw errors.reject(Problem.CODE_EXPIRED);
      }
      if (!code.clientId.equals(client.clientId())) {
        throw errors.reject(Problem.CODE_WRONG_CLIENT);
      }
      if (!code.redirectUri.equals(request.form().get("redirect_uri"))) {
        throw errors.reject(Problem.REDIRECT_MISMATCH);
      }
      checkVerifier(code, request.form().get("code_verifier"));
      Set<String> scopes = tokenScopes(request, code.scopes, client.clientId());
      code.redeemed = true;
      RefreshFamily family = code.issueRefreshToken ? grants.newFamily(code.user, client.clientId(), code.scopes) : null;
      String refreshToken = family == null ? null : grants.newRefreshToken(family);
      IssuedAccessToken access = grants.newAccessToken(code.user, client.clientId(), scopes,
          audience(settings.mode(), client.clientId(), scopes), family);
      return replies.success(access, refreshToken, true, issuer(request));
    }
  }

  private void checkVerifier(AuthorizationCode code, String verifier) {
    if (code.challenge == null) {
      if (verifier != null) {
        // RFC 9700 §2.1.1: a verifier without a challenge is a downgrade attempt.
        throw errors.reject(Problem.VERIFIER_INVALID);
      }
      return;
    }
    if (verifier == null) {
      throw errors.reject(Problem.VERIFIER_MISSING);
    }
    String expected = code.challengeMethod.equals("S256") ? s256(verifier) : verifier;
    if (!VERIFIER.matcher(verifier).matches() || !MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), code.challenge.getBytes(StandardCharsets.US_ASCII))) {
      throw errors.reject(Problem.VERIFIER_INVALID);
    }
  }

  private Reply refresh(Request request, ClientRegistration client) {
    String value = required(request, "refresh_token");
    synchronized (grants) {
      IssuedRefreshToken token = grants.refreshToken(value);
      if (token == null) {
        throw errors.reject(Problem.REFRESH_DEAD);
      }
      RefreshFamily family = token.family;
      if (!family.clientId.equals(client.clientId())) {
        throw errors.reject(Problem.REFRESH_WRONG_CLIENT);
      }
      switch (grants.refreshState(token)) {
        case LIVE:
          break;
        case RETIRED:
          grants.revokeFamily(family);
          log.info("Refresh token {} reused after rotation: grant of client {} revoked",
              TokenValues.fingerprint(value), client.clientId());
          throw errors.reject(Problem.REFRESH_REUSED);
        case IDLE_EXPIRED:
          throw errors.reject(Problem.REFRESH_IDLE, token.issuedAt, idleText(settings.refreshTokenIdleTtl()));
        default:
          throw errors.reject(Problem.REFRESH_DEAD);
      }
      Set<String> scopes = tokenScopes(request, family.scopes, client.clientId());
      token.lastUsedAt = grants.now();
      String rotated = null;
      if (settings.rotation() != RotationPolicy.NONE) {
        token.retired = settings.rotation() == RotationPolicy.ROTATE_REUSE_DETECTION;
        rotated = grants.newRefreshToken(family);
      }
      IssuedAccessToken access = grants.newAccessToken(family.user, client.clientId(), scopes,
          audience(settings.mode(), client.clientId(), scopes), family);
      return replies.success(access, rotated, true, issuer(request));
    }
  }

  private Reply clientCredentials(Request request) {
    if (settings.mode() == EmulatorMode.GOOGLE) {
      throw errors.reject(Problem.UNSUPPORTED_GRANT, "client_credentials");
    }
    if (settings.mode() == EmulatorMode.MICROSOFT
        && (request.tenant().equals("common") || request.tenant().equals("consumers"))) {
      throw errors.reject(Problem.CLIENT_CREDENTIALS_COMMON);
    }
    ClientRegistration client = authenticator.authenticate(request);
    if (client.clientSecret() == null) {
      throw errors.reject(Problem.SECRET_MISSING);
    }
    Set<String> scopes = Scopes.parse(request.form().get("scope"), settings.mode());
    if (settings.mode() == EmulatorMode.MICROSOFT) {
      if (Scopes.resources(scopes).size() > 1) {
        throw errors.reject(Problem.MULTI_RESOURCE, Scopes.join(scopes));
      }
      if (scopes.size() != 1 || !scopes.iterator().next().endsWith("/.default")) {
        throw errors.reject(Problem.INVALID_SCOPE, Scopes.join(scopes));
      }
    }
    IssuedAccessToken access = grants.newAccessToken(client.clientId(), client.clientId(), scopes,
        audience(settings.mode(), client.clientId(), scopes), null);
    return replies.success(access, null, settings.mode() != EmulatorMode.MICROSOFT, null);
  }

  /**
   * The scopes of the new access token: the {@code scope} parameter (no wider than the grant) or the
   * grant's. Microsoft: a resource the user never consented to is {@code invalid_grant} AADSTS65001
   * (consent required), as Microsoft answers a refresh for it.
   */
  private Set<String> tokenScopes(Request request, Set<String> grantScopes, String clientId) {
    String param = request.form().get("scope");
    Set<String> scopes = param == null ? grantScopes : Scopes.parse(param, settings.mode());
    if (settings.mode() == EmulatorMode.MICROSOFT) {
      if (param != null && Scopes.resources(scopes).size() > 1) {
        throw errors.reject(Problem.MULTI_RESOURCE, param);
      }
      scopes = Scopes.firstResourceOnly(scopes);
    }
    if (!Scopes.covers(grantScopes, scopes, settings.mode())) {
      if (settings.mode() == EmulatorMode.MICROSOFT
          && !Scopes.resources(grantScopes).containsAll(Scopes.resources(scopes))) {
        throw errors.reject(Problem.CONSENT_REQUIRED, clientId);
      }
      throw errors.reject(Problem.SCOPE_WIDENED, param);
    }
    return scopes;
  }

  /** Google and generic: the client id; Microsoft: the resource the token is for. */
  static String audience(EmulatorMode mode, String clientId, Set<String> scopes) {
    if (mode != EmulatorMode.MICROSOFT) {
      return clientId;
    }
    Set<String> resources = Scopes.resources(scopes);
    return resources.isEmpty() ? "https://graph.microsoft.com" : resources.iterator().next();
  }

  private String issuer(Request request) {
    return settings.mode() == EmulatorMode.MICROSOFT
        ? paths.issuer(request.tenant()).toString() : paths.issuer(null).toString();
  }

  private String required(Request request, String name) {
    String value = request.form().get(name);
    if (value == null || value.isEmpty()) {
      throw errors.reject(Problem.MISSING_PARAMETER, name);
    }
    return value;
  }

  private static String idleText(Duration idle) {
    return idle.toDays() + "." + String.format("%02d:%02d:%02d", idle.toHoursPart(), idle.toMinutesPart(),
        idle.toSecondsPart());
  }

  private static String s256(String verifier) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

}
