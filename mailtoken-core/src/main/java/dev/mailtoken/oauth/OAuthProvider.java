package dev.mailtoken.oauth;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.TransientException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An OAuth2 authorization server plus its mail endpoints and quirks: Google, Microsoft, one
 * found by discovery, or one built by hand.
 *
 * <p>Every endpoint can be replaced through {@link #toBuilder()}; that is how tests point the
 * Google and Microsoft providers at the testkit emulator:
 *
 * <pre>{@code
 * OAuthProvider google = OAuthProvider.google().toBuilder().tokenEndpoint(emulator.tokenEndpoint()).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class OAuthProvider {
  static final URI GOOGLE_TOKEN = URI.create("https://oauth2.googleapis.com/token");
  static final String MICROSOFT_SMTP_SCOPE = "https://outlook.office.com/SMTP.Send";
  static final String OFFLINE_ACCESS = "offline_access";
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,254}");

  private final String name;
  private final Optional<URI> issuer;
  private final Optional<URI> authorizationEndpoint;
  private final URI tokenEndpoint;
  private final Optional<URI> revocationEndpoint;
  private final Optional<URI> deviceAuthorizationEndpoint;
  private final Optional<URI> userinfoEndpoint;
  private final List<String> defaultScopes;
  private final Optional<String> smtpHost;
  private final int smtpPort;
  private final boolean rotatesRefreshTokens;
  private final Map<String, String> offlineAccessParameters;
  private final Optional<String> offlineAccessScope;
  private final boolean oneResourcePerTokenRequest;

  OAuthProvider(OAuthProviderBuilder b) {
    this.name = b.name;
    this.issuer = Optional.ofNullable(b.issuer);
    this.authorizationEndpoint = Optional.ofNullable(b.authorizationEndpoint);
    this.tokenEndpoint = b.tokenEndpoint;
    this.revocationEndpoint = Optional.ofNullable(b.revocationEndpoint);
    this.deviceAuthorizationEndpoint = Optional.ofNullable(b.deviceAuthorizationEndpoint);
    this.userinfoEndpoint = Optional.ofNullable(b.userinfoEndpoint);
    this.defaultScopes = List.copyOf(b.defaultScopes);
    this.smtpHost = Optional.ofNullable(b.smtpHost);
    this.smtpPort = b.smtpPort;
    this.rotatesRefreshTokens = b.rotatesRefreshTokens;
    this.offlineAccessParameters = Map.copyOf(b.offlineAccessParameters);
    this.offlineAccessScope = Optional.ofNullable(b.offlineAccessScope);
    this.oneResourcePerTokenRequest = b.oneResourcePerTokenRequest;
  }

  /**
   * Google: Gmail scope {@code https://mail.google.com/}, SMTP smtp.gmail.com:587. A refresh
   * token comes back only with {@code access_type=offline}, and again after the first consent
   * only with {@code prompt=consent}; refresh tokens never rotate.
   */
  public static OAuthProvider google() {
    return builder()
        .name("google")
        .issuer(URI.create("https://accounts.google.com"))
        .authorizationEndpoint(URI.create("https://accounts.google.com/o/oauth2/v2/auth"))
        .tokenEndpoint(GOOGLE_TOKEN)
        .revocationEndpoint(URI.create("https://oauth2.googleapis.com/revoke"))
        .deviceAuthorizationEndpoint(URI.create("https://oauth2.googleapis.com/device/code"))
        .userinfoEndpoint(URI.create("https://openidconnect.googleapis.com/v1/userinfo"))
        .defaultScopes(List.of("https://mail.google.com/"))
        .smtp("smtp.gmail.com", 587)
        .rotatesRefreshTokens(false)
        .offlineAccessParameters(Map.of("access_type", "offline", "prompt", "consent"))
        .build();
  }

  /**
   * Microsoft identity platform v2.0 for one tenant: a tenant id (GUID), a verified domain, or
   * {@code common}, {@code organizations}, {@code consumers}. Scopes
   * {@code https://outlook.office.com/SMTP.Send} and {@code offline_access}; SMTP
   * smtp.office365.com:587. Refresh tokens rotate on every refresh; one resource per token
   * request; no revocation endpoint (RFC 7009 is not offered).
   *
   * @throws IllegalArgumentException when {@code tenant} is not a plausible tenant name
   */
  public static OAuthProvider microsoft(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    if (!TENANT.matcher(tenant).matches()) {
      throw new IllegalArgumentException("Microsoft tenant must be a tenant id (GUID), a domain such as"
          + " contoso.onmicrosoft.com, or one of common, organizations, consumers; got \"" + tenant + "\"");
    }
    String base = "https://login.microsoftonline.com/" + tenant;
    return builder()
        .name("microsoft")
        .issuer(URI.create(base + "/v2.0"))
        .authorizationEndpoint(URI.create(base + "/oauth2/v2.0/authorize"))
        .tokenEndpoint(URI.create(base + "/oauth2/v2.0/token"))
        .deviceAuthorizationEndpoint(URI.create(base + "/oauth2/v2.0/devicecode"))
        .userinfoEndpoint(URI.create("https://graph.microsoft.com/oidc/userinfo"))
        .defaultScopes(List.of(MICROSOFT_SMTP_SCOPE, OFFLINE_ACCESS))
        .smtp("smtp.office365.com", 587)
        .rotatesRefreshTokens(true)
        .offlineAccessScope(OFFLINE_ACCESS)
        .oneResourcePerTokenRequest(true)
        .build();
  }

  /**
   * Reads the issuer's metadata (OpenID Connect Discovery, then RFC 8414) and builds a provider
   * from it. The document's {@code issuer} must equal {@code issuer} (RFC 8414 §3.3), except
   * Microsoft's multi-tenant {@code {tenantid}} template.
   *
   * @throws ConfigurationException when no metadata is found or the issuer does not match
   * @throws TransientException when the server could not be reached
   */
  public static OAuthProvider discover(URI issuer, OAuthClient client) throws MailtokenException {
    return ProviderDiscovery.discover(issuer, client);
  }

  /** A builder for any other provider; {@code name} and {@code tokenEndpoint} are required. */
  public static OAuthProviderBuilder builder() {
    return new OAuthProviderBuilder();
  }

  /** A builder starting from this provider's settings; any of them may be replaced once. */
  public OAuthProviderBuilder toBuilder() {
    OAuthProviderBuilder b = new OAuthProviderBuilder();
    b.name = name;
    b.issuer = issuer.orElse(null);
    b.authorizationEndpoint = authorizationEndpoint.orElse(null);
    b.tokenEndpoint = tokenEndpoint;
    b.revocationEndpoint = revocationEndpoint.orElse(null);
    b.deviceAuthorizationEndpoint = deviceAuthorizationEndpoint.orElse(null);
    b.userinfoEndpoint = userinfoEndpoint.orElse(null);
    b.defaultScopes = defaultScopes;
    b.smtpHost = smtpHost.orElse(null);
    b.smtpPort = smtpPort;
    b.rotatesRefreshTokens = rotatesRefreshTokens;
    b.offlineAccessParameters = new LinkedHashMap<>(offlineAccessParameters);
    b.offlineAccessScope = offlineAccessScope.orElse(null);
    b.oneResourcePerTokenRequest = oneResourcePerTokenRequest;
    return b;
  }

  /** A short name used in logs and messages: {@code google}, {@code microsoft}, or the issuer host. */
  public String name() {
    return name;
  }

  /** The issuer identifier, when known (discovery, Google, Microsoft). */
  public Optional<URI> issuer() {
    return issuer;
  }

  public URI tokenEndpoint() {
    return tokenEndpoint;
  }

  public Optional<URI> authorizationEndpoint() {
    return authorizationEndpoint;
  }

  /** RFC 7009 revocation endpoint; empty for Microsoft, which offers none. */
  public Optional<URI> revocationEndpoint() {
    return revocationEndpoint;
  }

  public Optional<URI> deviceAuthorizationEndpoint() {
    return deviceAuthorizationEndpoint;
  }

  public Optional<URI> userinfoEndpoint() {
    return userinfoEndpoint;
  }

  /** The scopes an app asks for when it names none: what sending mail needs. */
  public List<String> defaultScopes() {
    return defaultScopes;
  }

  /** SMTP submission host, when the provider offers one. */
  public Optional<String> smtpHost() {
    return smtpHost;
  }

  /** SMTP submission port (STARTTLS), 587 unless set. */
  public int smtpPort() {
    return smtpPort;
  }

  /** True when every refresh returns a new refresh token (Microsoft). */
  public boolean rotatesRefreshTokens() {
    return rotatesRefreshTokens;
  }

  /**
   * Authorization-request parameters that make the provider return a refresh token (Google:
   * {@code access_type=offline}, {@code prompt=consent}); empty for most providers.
   */
  public Map<String, String> offlineAccessParameters() {
    return offlineAccessParameters;
  }

  /** The scope that makes the provider return a refresh token ({@code offline_access}), if any. */
  public Optional<String> offlineAccessScope() {
    return offlineAccessScope;
  }

  /** True when one token request may name scopes of only one resource (Microsoft). */
  public boolean oneResourcePerTokenRequest() {
    return oneResourcePerTokenRequest;
  }

  @Override
  public String toString() {
    return "OAuthProvider[" + name + ", token=" + tokenEndpoint + "]";
  }
}
