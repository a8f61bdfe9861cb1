package dev.mailtoken.testkit;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Placeholder; replaced by the full grant state. */
final class GrantStore {
  private final EmulatorSettings settings;
  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  GrantStore(EmulatorSettings settings) {
    this.settings = settings;
  }

  void registerClient(ClientRegistration client) {}

  void registerServiceAccount(ServiceAccountRegistration account) {}

  void rememberSecret(String secret) {
    secrets.add(secret);
  }

  String issueRefreshToken(String clientId, String user, Set<String> scopes) {
    throw new UnsupportedOperationException("not yet implemented in " + settings.mode());
  }

  void consent(ConsentDecision decision) {}

  Optional<TokenInfo> introspect(String accessToken) {
    return Optional.empty();
  }

  boolean revoke(String token) {
    return false;
  }

  void revokeUser(String user) {}

  Set<String> secrets() {
    return Set.copyOf(secrets);
  }
}
