package dev.mailtoken.testkit;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Scope-string rules: Google's short names, Microsoft resources, the "basic" scopes exempt from Testing expiry. */
final class Scopes {
  static final String GOOGLE_EMAIL = "https://www.googleapis.com/auth/userinfo.email";
  static final String GOOGLE_PROFILE = "https://www.googleapis.com/auth/userinfo.profile";
  private static final Set<String> OIDC = Set.of("openid", "profile", "email", "offline_access");
  private static final Set<String> BASIC = Set.of("openid", "email", "profile", GOOGLE_EMAIL, GOOGLE_PROFILE);
  private static final String GRAPH = "https://graph.microsoft.com";

  private Scopes() {}

  /** Space-delimited scope string → ordered set; Google mode expands {@code email}/{@code profile} as Google echoes them. */
  static Set<String> parse(String scope, EmulatorMode mode) {
    Set<String> scopes = new LinkedHashSet<>();
    if (scope == null) {
      return scopes;
    }
    Arrays.stream(scope.trim().split("[ +]+")).filter(s -> !s.isEmpty())
        .map(s -> mode == EmulatorMode.GOOGLE ? expand(s) : s).forEach(scopes::add);
    return scopes;
  }

  static Set<String> expandAll(Set<String> scopes, EmulatorMode mode) {
    return parse(String.join(" ", scopes), mode);
  }

  private static String expand(String scope) {
    return switch (scope) {
      case "email" -> GOOGLE_EMAIL;
      case "profile" -> GOOGLE_PROFILE;
      default -> scope;
    };
  }

  static String join(Set<String> scopes) {
    return String.join(" ", scopes);
  }

  /** True if every scope is openid/email/profile (Google Testing-status refresh tokens then do not expire). */
  static boolean basicOnly(Set<String> scopes) {
    return BASIC.containsAll(scopes);
  }

  /** Microsoft: the resource a scope belongs to, or null for OIDC scopes ({@code openid}, {@code offline_access}, ...). */
  static String resource(String scope) {
    if (OIDC.contains(scope)) {
      return null;
    }
    int scheme = scope.indexOf("://");
    if (scheme < 0) {
      return GRAPH;
    }
    int last = scope.lastIndexOf('/');
    return last > scheme + 2 ? scope.substring(0, last) : scope;
  }

  /**
   * Microsoft: true when every scope asked is in {@code granted}, a Graph permission in either of
   * its spellings ({@code Mail.Send} or {@code https://graph.microsoft.com/Mail.Send}), as
   * Microsoft treats them as one; elsewhere: plain containment.
   */
  static boolean covers(Set<String> granted, Set<String> asked, EmulatorMode mode) {
    if (mode != EmulatorMode.MICROSOFT) {
      return granted.containsAll(asked);
    }
    Set<String> canonical = new LinkedHashSet<>();
    granted.forEach(s -> canonical.add(graphLong(s)));
    return asked.stream().allMatch(s -> canonical.contains(graphLong(s)));
  }

  /** Microsoft: a bare permission is Graph's, {@code Mail.Send} is {@code https://graph.microsoft.com/Mail.Send}. */
  private static String graphLong(String scope) {
    return OIDC.contains(scope) || scope.contains("://") ? scope : GRAPH + "/" + scope;
  }

  /** Microsoft: the distinct resources the scopes span. */
  static Set<String> resources(Set<String> scopes) {
    Set<String> resources = new LinkedHashSet<>();
    for (String scope : scopes) {
      String resource = resource(scope);
      if (resource != null) {
        resources.add(resource);
      }
    }
    return resources;
  }

  /** Microsoft: the scopes of the first resource plus the OIDC scopes, as a token is for one resource. */
  static Set<String> firstResourceOnly(Set<String> scopes) {
    Set<String> resources = resources(scopes);
    if (resources.size() <= 1) {
      return scopes;
    }
    String first = resources.iterator().next();
    Set<String> kept = new LinkedHashSet<>();
    for (String scope : scopes) {
      String resource = resource(scope);
      if (resource == null || resource.equals(first)) {
        kept.add(scope);
      }
    }
    return kept;
  }

  /** Google: a Gmail scope, which Google's device flow refuses (T-D-01). */
  static boolean isGmail(String scope) {
    return scope.equals("https://mail.google.com/") || scope.startsWith("https://www.googleapis.com/auth/gmail.");
  }

  static boolean isOidc(String scope) {
    return OIDC.contains(scope);
  }
}
