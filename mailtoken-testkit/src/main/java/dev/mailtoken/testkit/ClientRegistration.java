package dev.mailtoken.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An app registered at the emulator: client id, secret (null for public clients), type and
 * redirect URIs. Immutable and thread-safe.
 *
 * <pre>{@code
 * emulator.registerClient(ClientRegistration.confidential("web-app", "s3cret")
 *     .redirectUri("https://app.example.com/callback").build());
 * }</pre>
 *
 * @param clientId the client id, non-empty
 * @param clientSecret the secret, or {@code null} for a public client (a desktop client may have one)
 * @param type how the client authenticates and which redirect URIs it may use
 * @param redirectUris registered redirect URIs, compared exactly (loopback rules: see README)
 */
public record ClientRegistration(String clientId, String clientSecret, ClientType type, List<String> redirectUris) {
  public ClientRegistration {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(type, "type");
    if (clientId.isEmpty()) {
      throw new IllegalArgumentException("clientId must not be empty");
    }
    if (type == ClientType.CONFIDENTIAL && (clientSecret == null || clientSecret.isEmpty())) {
      throw new IllegalArgumentException("a confidential client needs a non-empty secret");
    }
    if (type == ClientType.PUBLIC && clientSecret != null) {
      throw new IllegalArgumentException("a public client has no secret");
    }
    redirectUris = List.copyOf(redirectUris);
  }

  /** A web app with a secret. */
  public static Builder confidential(String clientId, String clientSecret) {
    return new Builder(clientId, Objects.requireNonNull(clientSecret, "clientSecret"), ClientType.CONFIDENTIAL);
  }

  /** A public client without a secret (SPA, mobile, CLI with PKCE). */
  public static Builder publicClient(String clientId) {
    return new Builder(clientId, null, ClientType.PUBLIC);
  }

  /** A Google-style desktop app: any loopback redirect, always a refresh token. {@code clientSecret} may be null. */
  public static Builder desktop(String clientId, String clientSecret) {
    return new Builder(clientId, clientSecret, ClientType.DESKTOP);
  }

  @Override
  public String toString() {
    return "ClientRegistration[clientId=" + clientId + ", type=" + type + ", redirectUris=" + redirectUris
        + (clientSecret == null ? "" : ", clientSecret=***") + "]";
  }

  /** Collects redirect URIs; not thread-safe. */
  public static final class Builder {
    private final String clientId;
    private final String clientSecret;
    private final ClientType type;
    private final List<String> redirectUris = new ArrayList<>();

    private Builder(String clientId, String clientSecret, ClientType type) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      this.clientSecret = clientSecret;
      this.type = type;
    }

    /** Adds one registered redirect URI. */
    public Builder redirectUri(String uri) {
      redirectUris.add(Objects.requireNonNull(uri, "redirectUri"));
      return this;
    }

    /** Adds registered redirect URIs. */
    public Builder redirectUris(String... uris) {
      for (String uri : uris) {
        redirectUri(uri);
      }
      return this;
    }

    public ClientRegistration build() {
      return new ClientRegistration(clientId, clientSecret, type, redirectUris);
    }
  }
}
