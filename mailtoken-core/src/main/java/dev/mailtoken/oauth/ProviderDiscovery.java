package dev.mailtoken.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.internal.ServerText;
import dev.mailtoken.TransientException;
import dev.mailtoken.internal.http.Excerpts;
import dev.mailtoken.internal.http.HttpReply;
import java.net.URI;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds a {@link OAuthProvider} from OpenID Connect Discovery or RFC 8414 metadata. */
final class ProviderDiscovery {
  private static final Logger log = LoggerFactory.getLogger(OAuthProvider.class);

  private ProviderDiscovery() {
  }

  static OAuthProvider discover(URI issuer, OAuthClient client) throws MailtokenException {
    java.util.Objects.requireNonNull(issuer, "issuer");
    java.util.Objects.requireNonNull(client, "client");
    if (!issuer.isAbsolute() || issuer.getHost() == null || issuer.getQuery() != null || issuer.getFragment() != null) {
      throw new IllegalArgumentException("an issuer is an absolute https URI without query or fragment, got " + issuer);
    }
    String name = issuer.getHost();
    String base = issuer.toString();
    String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
    URI oidc = URI.create((base.endsWith("/") ? base : base + "/") + ".well-known/openid-configuration");
    URI rfc8414 = URI.create(issuer.getScheme() + "://" + issuer.getRawAuthority()
        + "/.well-known/oauth-authorization-server" + (path.equals("/") ? "" : stripSlash(path)));
    HttpReply reply = client.get(oidc, name);
    URI used = oidc;
    if (reply.status() == 404) {
      reply = client.get(rfc8414, name);
      used = rfc8414;
    }
    return fromReply(issuer, reply, used);
  }

  /** The parsing half of {@link #discover}: the provider the metadata answer {@code reply} from {@code used} describes. */
  static OAuthProvider fromReply(URI issuer, HttpReply reply, URI used) throws MailtokenException {
    String name = issuer.getHost();
    if (!reply.isSuccess()) {
      String what = "no authorization-server metadata for issuer " + issuer + " (HTTP " + reply.status() + " from "
          + used + ")";
      if (FailureClassifier.isTransientStatus(reply.status())) {
        throw new TransientException(what + "; retry later", null, null, null, null);
      }
      throw new ConfigurationException(what + "; check the issuer URL (it is the base URL the provider documents"
          + " as \"issuer\", e.g. https://keycloak.example.com/realms/mail)");
    }
    JsonNode doc = Json.parseOrNull(reply.body());
    if (doc == null || !doc.isObject()) {
      throw new InvalidResponseException("the metadata at " + used + " is not a JSON object: \""
          + Excerpts.of(reply.body()) + "\"", null, reply.status(), Excerpts.of(reply.body()),
          Json.looksTruncated(reply.body()), null);
    }
    String docIssuer = doc.path("issuer").asText("");
    if (!issuerMatches(docIssuer, issuer.toString())) {
      throw new ConfigurationException("the metadata at " + used + " names issuer \""
          + ServerText.printable(docIssuer) + "\", not the configured \"" + issuer + "\"; RFC 8414 requires them"
          + " to be identical (a mismatch can mean a misconfigured or impersonating server): configure exactly the"
          + " issuer the provider publishes");
    }
    log.debug("discovered provider {} from {}", name, used);
    return build(name, issuer, doc, used);
  }

  private static OAuthProvider build(String name, URI issuer, JsonNode doc, URI used) throws ConfigurationException {
    OAuthProviderBuilder b;
    if (name.equals("accounts.google.com")) {
      b = OAuthProvider.google().toBuilder();
    } else if (name.equals("login.microsoftonline.com")) {
      b = OAuthProvider.microsoft("common").toBuilder();
    } else {
      b = OAuthProvider.builder().name(name);
      if (doc.path("scopes_supported").isArray()) {
        for (JsonNode s : doc.path("scopes_supported")) {
          if (s.asText().equals(OAuthProvider.OFFLINE_ACCESS)) {
            b.offlineAccessScope(OAuthProvider.OFFLINE_ACCESS);
          }
        }
      }
    }
    b.issuer(issuer);
    URI token = endpoint(doc, "token_endpoint", used);
    if (token == null) {
      throw new ConfigurationException("the metadata at " + used + " has no token_endpoint; this issuer cannot issue"
          + " tokens for mail");
    }
    b.tokenEndpoint(token);
    URI auth = endpoint(doc, "authorization_endpoint", used);
    if (auth != null) {
      b.authorizationEndpoint(auth);
    }
    URI revoke = endpoint(doc, "revocation_endpoint", used);
    if (revoke != null) {
      b.revocationEndpoint(revoke);
    }
    URI device = endpoint(doc, "device_authorization_endpoint", used);
    if (device != null) {
      b.deviceAuthorizationEndpoint(device);
    }
    URI userinfo = endpoint(doc, "userinfo_endpoint", used);
    if (userinfo != null) {
      b.userinfoEndpoint(userinfo);
    }
    return b.build();
  }

  private static URI endpoint(JsonNode doc, String field, URI used) throws ConfigurationException {
    if (!doc.path(field).isTextual()) {
      return null;
    }
    try {
      URI u = URI.create(doc.path(field).asText());
      if (u.isAbsolute() && u.getHost() != null) {
        return u;
      }
    } catch (IllegalArgumentException e) {
      // fall through to the error below
    }
    throw new ConfigurationException("the metadata at " + used + " has an invalid " + field + ": \""
        + ServerText.printable(doc.path(field).asText()) + "\"");
  }

  /**
   * Exact match (RFC 8414 §3.3), ignoring one trailing slash; Microsoft's multi-tenant documents
   * name a template ({@code .../{tenantid}/v2.0}) that matches any single tenant segment (T-E-09).
   */
  static boolean issuerMatches(String published, String configured) {
    if (published.isEmpty()) {
      return false;
    }
    String p = stripSlash(published);
    String c = stripSlash(configured);
    if (p.equals(c)) {
      return true;
    }
    if (p.contains("{tenantid}")) {
      String regex = Pattern.quote(p).replace("{tenantid}", "\\E[^/]+\\Q");
      return c.matches(regex);
    }
    return false;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
