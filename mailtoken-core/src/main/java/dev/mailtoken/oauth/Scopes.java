package dev.mailtoken.oauth;

import dev.mailtoken.ConfigurationException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Scope lists: checking, joining, and Microsoft's "one resource per token request" rule. */
final class Scopes {
  /** Scopes that belong to no resource at Microsoft (OpenID Connect and offline access). */
  private static final Set<String> RESOURCELESS = Set.of("openid", "profile", "email", "offline_access");
  private static final String GRAPH = "https://graph.microsoft.com";

  private Scopes() {
  }

  /** Copies {@code scopes}, rejecting null, blank and space-containing entries (scopes are space-delimited). */
  static List<String> checked(Collection<String> scopes) {
    Objects.requireNonNull(scopes, "scopes");
    for (String s : scopes) {
      Objects.requireNonNull(s, "scope");
      if (s.isBlank() || s.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("a scope must be non-blank and contain no spaces, got \"" + s + "\"");
      }
    }
    return List.copyOf(new LinkedHashSet<>(scopes));
  }

  static String join(Collection<String> scopes) {
    return String.join(" ", scopes);
  }

  static Set<String> split(String scope) {
    Set<String> out = new LinkedHashSet<>();
    for (String s : scope.trim().split("\\s+")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The distinct Microsoft resources named by {@code scopes}: {@code https://outlook.office.com}
   * for {@code https://outlook.office.com/SMTP.Send}, Graph for a bare {@code Mail.Send}.
   */
  static Set<String> microsoftResources(Collection<String> scopes) {
    Set<String> resources = new LinkedHashSet<>();
    for (String s : scopes) {
      if (RESOURCELESS.contains(s)) {
        continue;
      }
      int slash = s.lastIndexOf('/');
      if (s.contains("://") && slash > s.indexOf("://") + 2) {
        URI u = URI.create(s.substring(0, slash));
        resources.add((u.getScheme() + "://" + u.getAuthority()).toLowerCase(java.util.Locale.ROOT));
      } else if (s.contains("://")) {
        resources.add(s.toLowerCase(java.util.Locale.ROOT));
      } else {
        resources.add(GRAPH);
      }
    }
    return resources;
  }

  /**
   * Fails when {@code provider} allows one resource per token request and {@code scopes} name
   * more than one.
   */
  static void checkOneResource(OAuthProvider provider, Collection<String> scopes) throws ConfigurationException {
    if (!provider.oneResourcePerTokenRequest()) {
      return;
    }
    Set<String> resources = microsoftResources(scopes);
    if (resources.size() > 1) {
      throw new ConfigurationException("scopes " + scopes + " name " + resources.size() + " resources " + resources
          + " but " + provider.name() + " issues a token for one resource per request; ask for each resource's"
          + " scopes in a separate token request (the same refresh token works for all of them)");
    }
  }
}
