package dev.mailtoken.server.account;

import dev.mailtoken.token.AccessToken;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared copy of each scope set the tokens a node holds carry. Every token read from the store
 * or a token response brings its own strings ({@code "https://mail.google.com/"} parsed again for
 * each account), though a fleet has only a few distinct sets: sharing them saves about 90 bytes
 * per account. At most {@link #MAX} sets are kept; beyond that a token keeps its own. Thread-safe.
 */
final class ScopeSets {
  static final int MAX = 256;

  private final ConcurrentHashMap<Set<String>, Set<String>> sets = new ConcurrentHashMap<>();

  /** {@code token} itself when its scope set is empty, already shared or new; else the same token with the shared set. */
  AccessToken share(AccessToken token) {
    Set<String> scopes = token.scopes();
    if (scopes.isEmpty()) {
      return token;
    }
    Set<String> shared = sets.get(scopes);
    if (shared == null) {
      if (sets.size() >= MAX) {
        return token;
      }
      shared = sets.putIfAbsent(scopes, scopes);
      if (shared == null) {
        return token;
      }
    }
    return shared == scopes ? token : new AccessToken(token.value(), token.expiresAt(), shared);
  }
}
