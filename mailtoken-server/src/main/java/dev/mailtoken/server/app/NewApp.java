package dev.mailtoken.server.app;

import dev.mailtoken.store.ProviderKind;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * An app to add: also the JSON body of {@code POST /v1/apps}. The client secret is write-only:
 * it is stored encrypted and never shown again.
 *
 * @param provider {@code GOOGLE}, {@code MICROSOFT} (with {@code tenant}), {@code OIDC} (with
 *     {@code issuer}, discovered when added), {@code CUSTOM} (with {@code tokenEndpoint})
 * @param scopes the scopes to ask for; empty: the provider's mail scope
 */
public record NewApp(String name, ProviderKind provider, Optional<String> tenant, Optional<URI> issuer,
    Optional<URI> tokenEndpoint, Optional<URI> authorizationEndpoint, Optional<URI> revocationEndpoint,
    Optional<URI> userinfoEndpoint, String clientId, Optional<String> clientSecret, Optional<URI> redirectUri,
    List<String> scopes, Optional<String> smtpHost, Optional<Integer> smtpPort) {
  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when a value is missing or does not fit the provider
   */
  public NewApp {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new IllegalArgumentException("name is required: 1 to 100 letters, digits, '.', '_' or '-'");
    }
    if (provider == null) {
      throw new IllegalArgumentException("provider is required: GOOGLE, MICROSOFT, OIDC or CUSTOM");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("clientId is required");
    }
    tenant = orEmpty(tenant);
    issuer = orEmpty(issuer);
    tokenEndpoint = orEmpty(tokenEndpoint);
    authorizationEndpoint = orEmpty(authorizationEndpoint);
    revocationEndpoint = orEmpty(revocationEndpoint);
    userinfoEndpoint = orEmpty(userinfoEndpoint);
    clientSecret = orEmpty(clientSecret).filter(s -> !s.isEmpty());
    redirectUri = orEmpty(redirectUri);
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
    smtpHost = orEmpty(smtpHost);
    smtpPort = orEmpty(smtpPort);
    if (tenant.isPresent() && provider != ProviderKind.MICROSOFT) {
      throw new IllegalArgumentException("tenant is only for provider MICROSOFT");
    }
    if (provider == ProviderKind.OIDC && issuer.isEmpty()) {
      throw new IllegalArgumentException("provider OIDC needs issuer");
    }
    if (provider == ProviderKind.CUSTOM && tokenEndpoint.isEmpty()) {
      throw new IllegalArgumentException("provider CUSTOM needs tokenEndpoint");
    }
    if (smtpPort.isPresent() && (smtpPort.get() < 1 || smtpPort.get() > 65535)) {
      throw new IllegalArgumentException("smtpPort must be in 1..65535");
    }
  }

  private static <T> Optional<T> orEmpty(Optional<T> o) {
    return o == null ? Optional.empty() : o;
  }

  @Override
  public String toString() {
    return "NewApp[" + name + ", " + provider + ", client " + clientId + ", secret " + (clientSecret.isPresent()
        ? "set" : "none") + "]";
  }
}
