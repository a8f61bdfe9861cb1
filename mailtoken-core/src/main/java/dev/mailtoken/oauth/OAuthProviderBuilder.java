package dev.mailtoken.oauth;

import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link OAuthProvider}. Each option may be set once per builder (a second call fails
 * naming the option); values coming from {@link OAuthProvider#toBuilder()} may each be replaced once.
 * Not thread-safe; the built provider is.
 */
public final class OAuthProviderBuilder {
  String name;
  URI issuer;
  URI authorizationEndpoint;
  URI tokenEndpoint;
  URI revocationEndpoint;
  URI deviceAuthorizationEndpoint;
  URI userinfoEndpoint;
  List<String> defaultScopes = List.of();
  String smtpHost;
  int smtpPort = 587;
  boolean rotatesRefreshTokens;
  Map<String, String> offlineAccessParameters = new LinkedHashMap<>();
  String offlineAccessScope;
  boolean oneResourcePerTokenRequest;
  private final Set<String> set = new HashSet<>();

  OAuthProviderBuilder() {
  }

  private void once(String option) {
    if (!set.add(option)) {
      throw new IllegalStateException(option + " was already set on this provider builder");
    }
  }

  private static URI endpoint(String option, URI uri) {
    Objects.requireNonNull(uri, option);
    if (!uri.isAbsolute() || uri.getHost() == null) {
      throw new IllegalArgumentException(option + " must be an absolute http(s) URI with a host, got " + uri);
    }
    return uri;
  }

  public OAuthProviderBuilder name(String name) {
    once("name");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("provider name must not be blank");
    }
    this.name = name;
    return this;
  }

  public OAuthProviderBuilder issuer(URI issuer) {
    once("issuer");
    this.issuer = endpoint("issuer", issuer);
    return this;
  }

  public OAuthProviderBuilder authorizationEndpoint(URI uri) {
    once("authorizationEndpoint");
    this.authorizationEndpoint = endpoint("authorizationEndpoint", uri);
    return this;
  }

  /** The token endpoint; plain {@code http} is accepted here but refused at request time unless loopback. */
  public OAuthProviderBuilder tokenEndpoint(URI uri) {
    once("tokenEndpoint");
    this.tokenEndpoint = endpoint("tokenEndpoint", uri);
    return this;
  }

  public OAuthProviderBuilder revocationEndpoint(URI uri) {
    once("revocationEndpoint");
    this.revocationEndpoint = endpoint("revocationEndpoint", uri);
    return this;
  }

  /** Removes the revocation endpoint (a provider that offers none). */
  public OAuthProviderBuilder noRevocationEndpoint() {
    once("revocationEndpoint");
    this.revocationEndpoint = null;
    return this;
  }

  public OAuthProviderBuilder deviceAuthorizationEndpoint(URI uri) {
    once("deviceAuthorizationEndpoint");
    this.deviceAuthorizationEndpoint = endpoint("deviceAuthorizationEndpoint", uri);
    return this;
  }

  public OAuthProviderBuilder userinfoEndpoint(URI uri) {
    once("userinfoEndpoint");
    this.userinfoEndpoint = endpoint("userinfoEndpoint", uri);
    return this;
  }

  public OAuthProviderBuilder defaultScopes(List<String> scopes) {
    once("defaultScopes");
    this.defaultScopes = Scopes.checked(scopes);
    return this;
  }

  public OAuthProviderBuilder smtp(String host, int port) {
    once("smtp");
    Objects.requireNonNull(host, "smtp host");
    if (host.isBlank() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("smtp needs a host and a port in 1..65535, got " + host + ":" + port);
    }
    this.smtpHost = host;
    this.smtpPort = port;
    return this;
  }

  public OAuthProviderBuilder rotatesRefreshTokens(boolean rotates) {
    once("rotatesRefreshTokens");
    this.rotatesRefreshTokens = rotates;
    return this;
  }

  /** Authorization parameters that make the provider return a refresh token (Google's quirk). */
  public OAuthProviderBuilder offlineAccessParameters(Map<String, String> parameters) {
    once("offlineAccessParameters");
    this.offlineAccessParameters = new LinkedHashMap<>(parameters);
    return this;
  }

  /** The scope that makes the provider return a refresh token, e.g. {@code offline_access}. */
  public OAuthProviderBuilder offlineAccessScope(String scope) {
    once("offlineAccessScope");
    this.offlineAccessScope = Objects.requireNonNull(scope, "offlineAccessScope");
    return this;
  }

  /** True when a token request may name scopes of only one resource (Microsoft). */
  public OAuthProviderBuilder oneResourcePerTokenRequest(boolean oneResource) {
    once("oneResourcePerTokenRequest");
    this.oneResourcePerTokenRequest = oneResource;
    return this;
  }

  /**
   * @throws IllegalStateException when {@code name} or {@code tokenEndpoint} is missing
   */
  public OAuthProvider build() {
    if (name == null) {
      throw new IllegalStateException("a provider needs a name: call name(...)");
    }
    if (tokenEndpoint == null) {
      throw new IllegalStateException("provider " + name + " needs a token endpoint: call tokenEndpoint(...)");
    }
    return new OAuthProvider(this);
  }
}
