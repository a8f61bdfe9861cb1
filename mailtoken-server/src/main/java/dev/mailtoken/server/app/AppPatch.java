package dev.mailtoken.server.app;

import dev.mailtoken.Secret;
import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A change to an app: also the JSON body of {@code PATCH /v1/apps/{name}}, with JSON Merge Patch
 * semantics (RFC 7396): a field left out keeps its value, a field set to {@code null} removes it
 * (back to the provider preset's), a value replaces it. The name and the provider kind cannot
 * change (remove and add the app for that). The client secret is write-only: it can be replaced or
 * removed, never read.
 *
 * <p>Each component is {@code null} when the field was left out, {@code Optional.empty()} when it
 * was {@code null}, else the new value (the endpoint reads the body field by field, since a JSON
 * mapper gives both a left-out field and a {@code null} one as empty).
 */
public record AppPatch(Optional<String> tenant, Optional<URI> issuer, Optional<URI> tokenEndpoint,
    Optional<URI> authorizationEndpoint, Optional<URI> revocationEndpoint, Optional<URI> userinfoEndpoint,
    Optional<String> clientId, Optional<String> clientSecret, Optional<URI> redirectUri,
    Optional<List<String>> scopes, Optional<String> smtpHost, Optional<Integer> smtpPort) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when a required value (token endpoint, client id, SMTP port)
   *     would be removed or a value is out of range
   */
  public AppPatch {
    if (tokenEndpoint != null && tokenEndpoint.isEmpty()) {
      throw new IllegalArgumentException("tokenEndpoint cannot be removed: every app needs one");
    }
    if (clientId != null && (clientId.isEmpty() || clientId.get().isBlank())) {
      throw new IllegalArgumentException("clientId cannot be removed or blank");
    }
    if (smtpPort != null && (smtpPort.isEmpty() || smtpPort.get() < 1 || smtpPort.get() > 65535)) {
      throw new IllegalArgumentException("smtpPort must be in 1..65535 (it cannot be removed)");
    }
    if (clientSecret != null && clientSecret.isPresent() && clientSecret.get().isEmpty()) {
      throw new IllegalArgumentException("clientSecret must not be empty; send null to remove it");
    }
    scopes = scopes == null ? null : scopes.map(List::copyOf);
  }

  /** The names of the fields this patch sets or removes, for the audit log (never a value). */
  public List<String> fields() {
    List<String> names = new ArrayList<>();
    add(names, "tenant", tenant);
    add(names, "issuer", issuer);
    add(names, "tokenEndpoint", tokenEndpoint);
    add(names, "authorizationEndpoint", authorizationEndpoint);
    add(names, "revocationEndpoint", revocationEndpoint);
    add(names, "userinfoEndpoint", userinfoEndpoint);
    add(names, "clientId", clientId);
    add(names, "clientSecret", clientSecret);
    add(names, "redirectUri", redirectUri);
    add(names, "scopes", scopes);
    add(names, "smtpHost", smtpHost);
    add(names, "smtpPort", smtpPort);
    return names;
  }

  /**
   * {@code app} with this patch applied.
   *
   * @throws IllegalArgumentException when a tenant is given for an app that is not a Microsoft one
   */
  StoredApp applyTo(StoredApp app) {
    if (tenant != null && tenant.isPresent() && app.kind() != ProviderKind.MICROSOFT) {
      throw new IllegalArgumentException("tenant is only for provider MICROSOFT; app " + app.name() + " is "
          + app.kind());
    }
    return new StoredApp(app.name(), app.kind(), or(tenant, app.tenant()), or(issuer, app.issuer()),
        tokenEndpoint == null ? app.tokenEndpoint() : tokenEndpoint.get(),
        or(authorizationEndpoint, app.authorizationEndpoint()), or(revocationEndpoint, app.revocationEndpoint()),
        or(userinfoEndpoint, app.userinfoEndpoint()), clientId == null ? app.clientId() : clientId.get(),
        clientSecret == null ? app.clientSecret() : clientSecret.map(Secret::of), or(redirectUri, app.redirectUri()),
        scopes == null ? app.scopes() : scopes.orElse(List.of()), or(smtpHost, app.smtpHost()),
        smtpPort == null ? app.smtpPort() : smtpPort.get(), app.deviceAuthorizationEndpoint(),
        app.smtpSecurity(), app.sasl());
  }

  private static <T> Optional<T> or(Optional<T> change, Optional<T> current) {
    return change == null ? current : change;
  }

  private static void add(List<String> names, String name, Optional<?> change) {
    if (change != null) {
      names.add(name);
    }
  }

  @Override
  public String toString() {
    return "AppPatch" + fields();
  }
}
