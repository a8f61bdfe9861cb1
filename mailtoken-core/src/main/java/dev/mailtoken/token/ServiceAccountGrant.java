package dev.mailtoken.token;

import dev.mailtoken.oauth.ServiceAccountKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A 2-legged grant: a service-account key signs a JWT assertion (RFC 7523) for each new token,
 * optionally impersonating {@code subject} (Google domain-wide delegation). There is no refresh
 * token; every renewal mints a new assertion.
 *
 * @param key the service-account key
 * @param subject the mailbox to impersonate, or empty for the service account itself
 * @param scopes the scopes to ask for; not empty
 */
public record ServiceAccountGrant(ServiceAccountKey key, Optional<String> subject, List<String> scopes)
    implements Grant {

  public ServiceAccountGrant {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(subject, "subject");
    scopes = List.copyOf(scopes);
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a service-account grant needs at least one scope");
    }
  }

  /** A grant impersonating {@code subject} (domain-wide delegation). */
  public static ServiceAccountGrant delegated(ServiceAccountKey key, String subject, List<String> scopes) {
    return new ServiceAccountGrant(key, Optional.of(subject), scopes);
  }

  /** A grant for the service account itself, no impersonation. */
  public static ServiceAccountGrant of(ServiceAccountKey key, List<String> scopes) {
    return new ServiceAccountGrant(key, Optional.empty(), scopes);
  }
}
