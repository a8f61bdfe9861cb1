package dev.mailtoken.server.app;

import dev.mailtoken.store.ProviderKind;
import dev.mailtoken.store.StoredApp;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * An app as the API shows it: everything but the client secret, of which only whether one is set.
 */
public record AppView(String name, ProviderKind provider, Optional<String> tenant, Optional<URI> issuer,
    URI tokenEndpoint, Optional<URI> authorizationEndpoint, Optional<URI> revocationEndpoint,
    Optional<URI> userinfoEndpoint, String clientId, boolean clientSecretSet, Optional<URI> redirectUri,
    List<String> scopes, Optional<String> smtpHost, int smtpPort) {

  static AppView of(StoredApp a) {
    return new AppView(a.name(), a.kind(), a.tenant(), a.issuer(), a.tokenEndpoint(), a.authorizationEndpoint(),
        a.revocationEndpoint(), a.userinfoEndpoint(), a.clientId(), a.clientSecret().isPresent(), a.redirectUri(),
        a.scopes(), a.smtpHost(), a.smtpPort());
  }
}
