package dev.mailtoken.oauth;

import dev.mailtoken.Secret;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth2 client registered at a provider: client id, client secret (none for public
 * clients), redirect URI, scopes and how it authenticates to the token endpoint.
 *
 * <pre>{@code
 * App app = App.builder()
 *     .provider(OAuthProvider.google())
 *     .clientId("1234.apps.googleusercontent.com")
 *     .clientSecret(Secret.of(System.getenv("CLIENT_SECRET")))
 *     .redirectUri(URI.create("http://127.0.0.1:8765/callback"))
 *     .build();                       // scopes default to the provider's mail scopes
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@code toString} shows only the secret's fingerprint.
 *
 * @param scopes the scopes the app asks for; never empty after {@link #builder()}
 */
public record App(
    OAuthProvider provider,
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
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
    if (clientAuthentication == ClientAuthentication.NONE && clientSecret.isPresent()) {
      throw new IllegalArgumentException("clientAuthentication NONE (public client) was chosen but a client secret"
          + " was given; drop the secret or use CLIENT_SECRET_POST / CLIENT_SECRET_BASIC");
    }
    if (clientAuthentication != ClientAuthentication.NONE && clientSecret.isEmpty()) {
      throw new IllegalArgumentException("clientAuthentication " + clientAuthentication
          + " needs a client secret; set clientSecret(...) or use NONE for a public client");
    }
  }

  /** A builder; {@code provider} and {@code clientId} are required. */
  public static AppBuilder builder() {
    return new AppBuilder();
  }
}
