package dev.mailtoken.oauth;

import dev.mailtoken.Secret;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Builds an {@link App}. Each option may be set once. Defaults: scopes = the provider's
 * {@linkplain OAuthProvider#defaultScopes() mail scopes}; client authentication =
 * {@code CLIENT_SECRET_POST} when a secret is set, {@code NONE} otherwise. Not thread-safe.
 */
public final class AppBuilder {
  private OAuthProvider provider;
  private String clientId;
  private Secret clientSecret;
  private URI redirectUri;
  private List<String> scopes;
  private ClientAuthentication clientAuthentication;
  private final Set<String> set = new HashSet<>();

  AppBuilder() {
  }

  private void once(String option) {
    if (!set.add(option)) {
      throw new IllegalStateException(option + " was already set on this app builder");
    }
  }

  public AppBuilder provider(OAuthProvider provider) {
    once("provider");
    this.provider = Objects.requireNonNull(provider, "provider");
    return this;
  }

  public AppBuilder clientId(String clientId) {
    once("clientId");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    return this;
  }

  public AppBuilder clientSecret(Secret clientSecret) {
    once("clientSecret");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    return this;
  }

  public AppBuilder redirectUri(URI redirectUri) {
    once("redirectUri");
    Objects.requireNonNull(redirectUri, "redirectUri");
    if (!redirectUri.isAbsolute()) {
      throw new IllegalArgumentException("redirectUri must be absolute, got " + redirectUri);
    }
    this.redirectUri = redirectUri;
    return this;
  }

  public AppBuilder scopes(List<String> scopes) {
    once("scopes");
    this.scopes = Scopes.checked(scopes);
    return this;
  }

  public AppBuilder scopes(String... scopes) {
    return scopes(List.of(scopes));
  }

  public AppBuilder clientAuthentication(ClientAuthentication clientAuthentication) {
    once("clientAuthentication");
    this.clientAuthentication = Objects.requireNonNull(clientAuthentication, "clientAuthentication");
    return this;
  }

  /**
   * @throws IllegalStateException when provider or client id is missing, or no scopes are known
   * @throws IllegalArgumentException when secret and client authentication do not fit together
   */
  public App build() {
    if (provider == null) {
      throw new IllegalStateException("an app needs a provider: call provider(OAuthProvider.google()) or similar");
    }
    if (clientId == null) {
      throw new IllegalStateException("an app needs the client id from the provider's console: call clientId(...)");
    }
    List<String> s = scopes != null ? scopes : provider.defaultScopes();
    if (s.isEmpty()) {
      throw new IllegalStateException("provider " + provider.name() + " has no default scopes: call scopes(...)");
    }
    ClientAuthentication auth = clientAuthentication != null ? clientAuthentication
        : clientSecret != null ? ClientAuthentication.CLIENT_SECRET_POST : ClientAuthentication.NONE;
    return new App(provider, clientId, Optional.ofNullable(clientSecret), Optional.ofNullable(redirectUri), s, auth);
  }
}
