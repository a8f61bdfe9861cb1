package dev.mailtoken.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/**
 * Discovery metadata (RFC 8414 / OIDC) per mode, plus the small endpoints it points to: userinfo
 * and an empty JWKS. Stateless; thread-safe.
 */
final class MetadataHandler {
  private static final Set<String> MS_ALIASES = Set.of("common", "organizations", "consumers");

  private final EmulatorSettings settings;
  private final Paths paths;
  private final GrantStore grants;

  MetadataHandler(EmulatorSettings settings, Paths paths, GrantStore grants) {
    this.settings = settings;
    this.paths = paths;
    this.grants = grants;
  }

  Reply discovery(Request request) {
    EmulatorMode mode = settings.mode();
    String tenant = request.tenant();
    ObjectNode doc = Reply.JSON.createObjectNode();
    if (mode == EmulatorMode.MICROSOFT && MS_ALIASES.contains(tenant)) {
      // Microsoft's multi-tenant aliases publish a template issuer (T-E-09).
      doc.put("issuer", paths.base() + "/{tenantid}/v2.0");
    } else {
      doc.put("issuer", paths.issuer(tenant).toString());
    }
    doc.put("authorization_endpoint", paths.authorize(tenant).toString());
    doc.put("token_endpoint", paths.token(tenant).toString());
    if (mode != EmulatorMode.MICROSOFT) {
      doc.put("revocation_endpoint", paths.revoke().toString());
    }
    doc.put("device_authorization_endpoint", paths.device(tenant).toString());
    doc.put("userinfo_endpoint", paths.userinfo().toString());
    doc.put("jwks_uri", paths.jwks().toString());
    array(doc, "response_types_supported", "code");
    array(doc, "subject_types_supported", "public");
    array(doc, "id_token_signing_alg_values_supported", "RS256");
    array(doc, "code_challenge_methods_supported", "plain", "S256");
    switch (mode) {
      case GOOGLE:
        array(doc, "scopes_supported", "openid", "email", "profile");
        array(doc, "grant_types_supported", "authorization_code", "refresh_token",
            "urn:ietf:params:oauth:grant-type:device_code", TokenHandler.JWT_BEARER);
        array(doc, "token_endpoint_auth_methods_supported", "client_secret_post", "client_secret_basic");
        break;
      case MICROSOFT:
        array(doc, "scopes_supported", "openid", "profile", "email", "offline_access");
        array(doc, "grant_types_supported", "authorization_code", "refresh_token", "client_credentials",
            TokenHandler.JWT_BEARER, "urn:ietf:params:oauth:grant-type:device_code");
        array(doc, "token_endpoint_auth_methods_supported", "client_secret_post", "private_key_jwt",
            "client_secret_basic");
        doc.put("tenant_region_scope", "WW");
        break;
      default:
        array(doc, "scopes_supported", "openid", "email", "profile", "offline_access");
        array(doc, "grant_types_supported", "authorization_code", "refresh_token", "client_credentials",
            TokenHandler.JWT_BEARER, DeviceCodeGrant.GRANT_TYPE);
        array(doc, "token_endpoint_auth_methods_supported", "client_secret_basic", "client_secret_post", "none");
        break;
    }
    return Reply.json(200, doc);
  }

  Reply userinfo(Request request) {
    Optional<TokenInfo> info = request.bearerToken().flatMap(grants::introspect);
    if (info.isEmpty()) {
      return Reply.json(401, "{\"error\":\"invalid_token\"}")
          .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
    ObjectNode body = Reply.JSON.createObjectNode();
    body.put("sub", TokenValues.fingerprint(info.get().user()) + "0000");
    if (settings.idTokenEmailClaim()) {
      body.put("email", info.get().user());
      body.put("email_verified", true);
    }
    return Reply.json(200, body);
  }

  Reply jwks() {
    return Reply.json(200, "{\"keys\":[]}");
  }

  private static void array(ObjectNode doc, String name, String... values) {
    ArrayNode array = doc.putArray(name);
    for (String value : values) {
      array.add(value);
    }
  }
}
