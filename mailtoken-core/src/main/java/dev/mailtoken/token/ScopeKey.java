package dev.mailtoken.token;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The scope set a token is asked for, as the key of its cache slot: sorted and without duplicates,
 * so {@code [a, b]} and {@code [b, a, a]} share one token. Empty means the account's own scopes
 * (the grant's, as the provider issues them without a {@code scope} parameter). Stateless.
 */
final class ScopeKey {
  static final List<String> DEFAULT = List.of();

  private ScopeKey() {
  }

  /**
   * @throws IllegalArgumentException for a blank scope or one containing white space
   */
  static List<String> of(Collection<String> scopes) {
    Objects.requireNonNull(scopes, "scopes");
    TreeSet<String> sorted = new TreeSet<>();
    for (String s : scopes) {
      Objects.requireNonNull(s, "scope");
      if (s.isBlank() || s.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("a scope must be non-blank and contain no spaces, got \"" + s + "\"");
      }
      sorted.add(s);
    }
    return List.copyOf(sorted);
  }

  /** How logs name a slot: {@code default} or the scopes joined by spaces. */
  static String describe(List<String> key) {
    return key.isEmpty() ? "default" : String.join(" ", key);
  }
}
