package dev.mailtoken.store;

import dev.mailtoken.oauth.App;
import dev.mailtoken.oauth.AppBuilder;
import dev.mailtoken.oauth.OAuthProvider;
import dev.mailtoken.oauth.OAuthProviderBuilder;
import dev.mailtoken.Secret;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An OAuth2 app as stored: the provider preset it starts from, every endpoint explicitly (so
 * an app pointing at the testkit emulator round-trips), the client and its scopes.
 *
 * <p>Immutable; the client secret prints as a fingerprint only.
 *
 * @param tenant the Microsoft tenant ({@code MICROSOFT} only; {@code common} when empty)
 * @param scopes the scopes the app asks for
 * @param smtpHost the SMTP submission host, when the provider has one
 * @param deviceAuthorizationEndpoint the RFC 8628 device authorization endpoint; empty keeps the
 *     preset's ({@code MICROSOFT}), so apps stored before it was recorded still have one
 * @param smtpSecurity how the SMTP server is reached, one of {@link #SMTP_SECURITY_MODES}
 *     ({@code tls}: implicit TLS, {@code starttls}, {@code none}); empty: from the port (implicit
 *     TLS on 465, else STARTTLS)
 * @param sasl the SASL mechanism for SMTP, one of {@link #SASL_MECHANISMS}; empty: what the
 *     server's EHLO offers
 */
public record StoredApp(
    String name,
    ProviderKind kind,
    Optional<String> tenant,
    Optional<URI> issuer,
    URI tokenEndpoint,
    Optional<URI> authorizationEndpoint,
    Optional<URI> revocationEndpoint,
    Optional<URI> userinfoEndpoint,
    String clientId,
    Optional<Secret> clientSecret,
    Optional<URI> redirectUri,
    List<String> scopes,
    Optional<String> smtpHost,
    int smtpPort,
    Optional<URI> deviceAuthorizationEndpoint,
    Optional<String> smtpSecurity,
    Optional<String> sasl) {
  /** The values {@link #smtpSecurity()} may have. */
  public static final Set<String> SMTP_SECURITY_MODES = Set.of("tls", "starttls", "none");
  /** The values {@link #sasl()} may have. */
  public static final Set<String> SASL_MECHANISMS = Set.of("xoauth2", "oauthbearer");

  /**
   * @throws IllegalArgumentException for a blank name or client id, a port outside 1..65535, or an
   *     SMTP security mode or SASL mechanism that is not one of the known values
   */
  public StoredApp {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
    Objects.requireNonNull(revocationEndpoint, "revocationEndpoint");
    Objects.requireNonNull(userinfoEndpoint, "userinfoEndpoint");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(redirectUri, "redirectUri");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(smtpHost, "smtpHost");
    Objects.requireNonNull(deviceAuthorizationEndpoint, "deviceAuthorizationEndpoint");
    Objects.requireNonNull(smtpSecurity, "smtpSecurity");
    Objects.requireNonNull(sasl, "sasl");
    if (smtpSecurity.isPresent() && !SMTP_SECURITY_MODES.contains(smtpSecurity.get())) {
      throw new IllegalArgumentException("app " + name + ": SMTP security must be tls, starttls or none, got \""
          + smtpSecurity.get() + "\"");
    }
    if (sasl.isPresent() && !SASL_MECHANISMS.contains(sasl.get())) {
      throw new IllegalArgumentException("app " + name + ": the SASL mechanism must be xoauth2 or oauthbearer, got \""
          + sasl.get() + "\"");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("an app name must not be blank");
    }
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("app " + name + " needs a client id");
    }
    if (smtpPort < 1 || smtpPort > 65535) {
      throw new IllegalArgumentException("app " + name + ": SMTP port must be in 1..65535, got " + smtpPort);
    }
  }

  /** An app without SMTP security or SASL choices (the port and the server's EHLO decide). */
  public StoredApp(String name, ProviderKind kind, Optional<String> tenant, Optional<URI> issuer, URI tokenEndpoint,
      Optional<URI> authorizationEndpoint, Optional<URI> revocationEndpoint, Optional<URI> userinfoEndpoint,
      String clientId, Optional<Secret> clientSecret, Optional<URI> redirectUri, List<String> scopes,
      Optional<String> smtpHost, int smtpPort, Optional<URI> deviceAuthorizationEndpoint) {
    this(name, kind, tenant, issuer, tokenEndpoint, authorizationEndpoint, revocationEndpoint, userinfoEndpoint,
        clientId, clientSecret, redirectUri, scopes, smtpHost, smtpPort, deviceAuthorizationEndpoint,
        Optional.empty(), Optional.empty());
  }

  /** An app without a recorded device authorization endpoint (the preset's applies). */
  public StoredApp(String name, ProviderKind kind, Optional<String> tenant, Optional<URI> issuer, URI tokenEndpoint,
      Optional<URI> authorizationEndpoint, Optional<URI> revocationEndpoint, Optional<URI> userinfoEndpoint,
      String clientId, Optional<Secret> clientSecret, Optional<URI> redirectUri, List<String> scopes,
      Optional<String> smtpHost, int smtpPort) {
    this(name, kind, tenant, issuer, tokenEndpoint, authorizationEndpoint, revocationEndpoint, userinfoEndpoint,
        clientId, clientSecret, redirectUri, scopes, smtpHost, smtpPort, Optional.empty());
  }

  /**
   * This app with other SMTP choices ({@link #smtpSecurity()}, {@link #sasl()}); empty clears one.
   *
   * @throws IllegalArgumentException for a value that is not one of the known ones
   */
  public StoredApp withSmtpChoices(Optional<String> newSmtpSecurity, Optional<String> newSasl) {
    return new StoredApp(name, kind, tenant, issuer, tokenEndpoint, authorizationEndpoint, revocationEndpoint,
        userinfoEndpoint, clientId, clientSecret, redirectUri, scopes, smtpHost, smtpPort,
        deviceAuthorizationEndpoint, newSmtpSecurity, newSasl);
  }

  /**
   * Captures {@code app} under {@code name}: every endpoint of its provider is stored, the
   * Microsoft tenant is read from the token endpoint's first path segment.
   */
  public static StoredApp from(String name, ProviderKind kind, App app) {
    OAuthProvider p = app.provider();
    Optional<String> tenant = kind == ProviderKind.MICROSOFT ? tenantOf(p.tokenEndpoint()) : Optional.empty();
    return new StoredApp(name, kind, tenant, p.issuer(), p.tokenEndpoint(), p.authorizationEndpoint(),
        p.revocationEndpoint(), p.userinfoEndpoint(), app.clientId(), app.clientSecret(), app.redirectUri(),
        app.scopes(), p.smtpHost(), p.smtpPort(), p.deviceAuthorizationEndpoint());
  }

  /**
   * Rebuilds the {@link App}: the preset for {@link #kind()} ({@code OAuthProvider.google()},
   * {@code OAuthProvider.microsoft(tenant)}, or a provider named after the app, so that messages name
   * it as the user does) with the stored endpoints replacing the preset's. No network.
   *
   * @throws IllegalArgumentException when the stored values do not make a valid app
   */
  public App toApp() {
    OAuthProviderBuilder b = preset();
    issuer.ifPresent(b::issuer);
    b.tokenEndpoint(tokenEndpoint);
    authorizationEndpoint.ifPresent(b::authorizationEndpoint);
    if (revocationEndpoint.isPresent()) {
      b.revocationEndpoint(revocationEndpoint.get());
    } else {
      b.noRevocationEndpoint();
    }
    userinfoEndpoint.ifPresent(b::userinfoEndpoint);
    deviceAuthorizationEndpoint.ifPresent(b::deviceAuthorizationEndpoint);
    if (!scopes.isEmpty()) {
      b.defaultScopes(scopes);
    }
    smtpHost.ifPresent(h -> b.smtp(h, smtpPort));
    AppBuilder a = App.builder().provider(b.build()).clientId(clientId);
    clientSecret.ifPresent(a::clientSecret);
    redirectUri.ifPresent(a::redirectUri);
    if (!scopes.isEmpty()) {
      a.scopes(scopes);
    }
    return a.build();
  }

  private OAuthProviderBuilder preset() {
    if (kind == ProviderKind.GOOGLE) {
      return OAuthProvider.google().toBuilder();
    }
    if (kind == ProviderKind.MICROSOFT) {
      return OAuthProvider.microsoft(tenant.orElse("common")).toBuilder();
    }
    // Messages ("NAME refused the refresh ...") name the provider by the app's name the user chose, not the
    // issuer's host; "google" and "microsoft" stay the presets' names, which the library treats specially.
    boolean presetName = name.equals("google") || name.equals("microsoft");
    String providerName = presetName ? issuer.map(URI::getHost).filter(h -> !h.isBlank()).orElse(kind.name()
        .toLowerCase(java.util.Locale.ROOT)) : name;
    return OAuthProvider.builder().name(providerName);
  }

  private static Optional<String> tenantOf(URI tokenEndpoint) {
    String path = tokenEndpoint.getPath();
    if (path == null) {
      return Optional.empty();
    }
    String[] parts = path.split("/");
    return parts.length > 1 && !parts[1].isBlank() ? Optional.of(parts[1]) : Optional.empty();
  }
}
