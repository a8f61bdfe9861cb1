package dev.mailtoken.testkit;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * What the emulated user answers on the consent screen. Set with
 * {@link ProviderEmulator#consent(ConsentDecision)}; it applies to every following authorization
 * until changed. Immutable.
 *
 * @param kind grant everything, grant a subset, or deny
 * @param scopes for {@link Kind#GRANT_SUBSET}: the scopes the user ticks (others requested are dropped)
 */
public record ConsentDecision(Kind kind, Set<String> scopes) {
  /** The user's answer. */
  public enum Kind { GRANT_ALL, GRANT_SUBSET, DENY }

  public ConsentDecision {
    Objects.requireNonNull(kind, "kind");
    scopes = Set.copyOf(scopes);
    if (kind != Kind.GRANT_SUBSET && !scopes.isEmpty()) {
      throw new IllegalArgumentException(kind + " takes no scopes");
    }
  }

  /** The user grants every requested scope (the default). */
  public static ConsentDecision grantAll() {
    return new ConsentDecision(Kind.GRANT_ALL, Set.of());
  }

  /** The user clicks "Cancel": the redirect carries {@code error=access_denied}. */
  public static ConsentDecision deny() {
    return new ConsentDecision(Kind.DENY, Set.of());
  }

  /** Granular consent: only the requested scopes that are also in {@code granted} are granted. */
  public static ConsentDecision grant(Collection<String> granted) {
    return new ConsentDecision(Kind.GRANT_SUBSET, Set.copyOf(granted));
  }
}
