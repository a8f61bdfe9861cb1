package dev.mailtoken.oauth;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth2 client registered at a provider: client id, client secret (none for public
 * clients), redirect URI, scopes and how it authenticates to the token endpoint.
 *
 * <p>SKELETON: the oauth helper owns this class and fills in the builder.
 */
public record App(
    Provider provider,
    String clientId,
    Optional<Secret> clientSecret,
    Optional<URI> redirectUri,
    List<String> scopes,
    ClientAuthentication clientAuthentication) {

  public App {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(redirectUri, "redirectUri");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(clientAuthentication, "clientAuthentication");
  }
}
