package dev.mailtoken.oauth;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * An OAuth2 authorization server plus its mail endpoints and quirks.
 *
 * <p>SKELETON: the oauth helper owns this type (factories {@code google()},
 * {@code microsoft(tenant)}, {@code discover(...)}, {@code builder()}).
 */
public interface Provider {
  String name();

  URI tokenEndpoint();

  Optional<URI> authorizationEndpoint();

  Optional<URI> revocationEndpoint();

  List<String> defaultScopes();

  /** True when every refresh returns a new refresh token (Microsoft). */
  boolean rotatesRefreshTokens();
}
