package dev.mailtoken.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All grant state: clients, service accounts, codes, refresh-token families, access tokens and
 * consents. Thread-safe: every method synchronizes on this store, and handlers hold the same
 * monitor ({@code synchronized (grants)}) across the check-then-update of one request, so two
 * concurrent refreshes with one token see one consistent order (reuse detection depends on it).
 */
final class GrantStore {
  private static final Logger log = LoggerFactory.getLogger(GrantStore.class);
  private static final Duration TESTING_REFRESH_TTL = Duration.ofDays(7);

  /** Why a refresh token is or is not usable. */
  enum RefreshState { LIVE, REVOKED, IDLE_EXPIRED, TESTING_EXPIRED, RETIRED }

  private final EmulatorSettings settings;
  private final TokenValues values;
  private final Map<String, ClientRegistration> clients = new HashMap<>();
  private final Map<String, ServiceAccountRegistration> serviceAccounts = new HashMap<>();
  private final Map<String, AuthorizationCode> codes = new HashMap<>();
  private final Map<String, IssuedRefreshToken> refreshTokens = new HashMap<>();
  private final Map<String, IssuedAccessToken> accessTokens = new HashMap<>();
  private final Map<String, List<RefreshFamily>> families = new HashMap<>();
  private final Set<String> consents = new HashSet<>();
  private final Set<String> secrets = ConcurrentHashMap.newKeySet();
  private ConsentDecision decision = ConsentDecision.grantAll();
  private final DeviceCodes devices;

  GrantStore(EmulatorSettings settings) {
    this.settings = settings;
    this.values = new TokenValues(settings.mode());
    this.devices = new DeviceCodes(settings.mode(), values);
  }

  /** The device authorizations (their own monitor, taken after this one). */
  DeviceCodes devices() {
    return devices;
  }

  Instant now() {
    return settings.clock().instant();
  }

  synchronized void registerClient(ClientRegistration client) {
    clients.put(client.clientId(), client);
    if (client.clientSecret() != null) {
      secrets.add(client.clientSecret());
    }
  }

  synchronized Optional<ClientRegistration> client(String clientId) {
    return Optional.ofNullable(clientId == null ? null : clients.get(clientId));
  }

  synchronized void registerServiceAccount(ServiceAccountRegistration account) {
    serviceAccounts.put(account.email(), account);
  }

  synchronized Optional<ServiceAccountRegistration> serviceAccount(String email) {
    return Optional.ofNullable(email == null ? null : serviceAccounts.get(email));
  }

  void rememberSecret(String secret) {
    secrets.add(secret);
  }

  Set<String> secrets() {
    return Set.copyOf(secrets);
  }

  synchronized void consent(ConsentDecision newDecision) {
    decision = newDecision;
  }

  synchronized ConsentDecision decision() {
    return decision;
  }

  synchronized boolean hasConsented(String user, String clientId) {
    return consents.contains(key(user, clientId));
  }

  synchronized void recordConsent(String user, String clientId) {
    consents.add(key(user, clientId));
  }

  synchronized AuthorizationCode newCode(String clientId, String redirectUri, String user, Set<String> scopes,
      String challenge, String challengeMethod, boolean issueRefreshToken) {
    AuthorizationCode code = new AuthorizationCode(values.code(), clientId, redirectUri, user, scopes, challenge,
        challengeMethod, issueRefreshToken, now().plus(settings.codeTtl()));
    codes.put(code.value, code);
    secrets.add(code.value);
    return code;
  }

  synchronized AuthorizationCode code(String value) {
    return codes.get(value);
  }

  /** A new grant for user+client; over the cap, the oldest live grant is silently revoked (Google, T-G-02). */
  synchronized RefreshFamily newFamily(String user, String clientId, Set<String> scopes) {
    RefreshFamily family = new RefreshFamily(user, clientId, scopes, now());
    List<RefreshFamily> list = families.computeIfAbsent(key(user, clientId), k -> new ArrayList<>());
    list.removeIf(f -> f.revoked);
    list.add(family);
    while (list.size() > settings.refreshTokenCap()) {
      RefreshFamily oldest = list.remove(0);
      oldest.revoked = true;
      log.debug("Refresh-token cap {} reached for client {}: oldest grant dropped", settings.refreshTokenCap(), clientId);
    }
    return family;
  }

  synchronized String newRefreshToken(RefreshFamily family) {
    IssuedRefreshToken token = new IssuedRefreshToken(values.refreshToken(), family, now());
    refreshTokens.put(token.value, token);
    secrets.add(token.value);
    log.debug("Issued refresh token {} to client {}", TokenValues.fingerprint(token.value), family.clientId);
    return token.value;
  }

  synchronized IssuedRefreshToken refreshToken(String value) {
    return refreshTokens.get(value);
  }

  synchronized RefreshState refreshState(IssuedRefreshToken token) {
    Instant now = now();
    RefreshFamily family = token.family;
    if (family.revoked) {
      return RefreshState.REVOKED;
    }
    if (token.retired) {
      return RefreshState.RETIRED;
    }
    if (settings.testingStatus() && !Scopes.basicOnly(family.scopes)
        && !now.isBefore(family.consentedAt.plus(TESTING_REFRESH_TTL))) {
      return RefreshState.TESTING_EXPIRED;
    }
    Duration idle = settings.refreshTokenIdleTtl();
    if (idle != null && !now.isBefore(token.lastUsedAt.plus(idle))) {
      return RefreshState.IDLE_EXPIRED;
    }
    return RefreshState.LIVE;
  }

  synchronized IssuedAccessToken newAccessToken(String user, String clientId, Set<String> scopes, String audience,
      RefreshFamily family) {
    Instant now = now();
    IssuedAccessToken token = new IssuedAccessToken(values.accessToken(), user, clientId, scopes, now,
        now.plus(accessTokenTtl()), audience, family);
    accessTokens.put(token.value, token);
    if (family != null) {
      family.accessTokens.add(token);
    }
    secrets.add(token.value);
    log.debug("Issued access token {} to client {}", TokenValues.fingerprint(token.value), clientId);
    return token;
  }

  private Duration accessTokenTtl() {
    if (settings.accessTokenTtl() != null) {
      return settings.accessTokenTtl();
    }
    return switch (settings.mode()) {
      case GOOGLE -> Duration.ofSeconds(3599);
      case MICROSOFT -> Duration.ofSeconds(values.nextInt(3600, 5401));
      case GENERIC -> Duration.ofSeconds(3600);
    };
  }

  synchronized void revokeFamily(RefreshFamily family) {
    family.revoked = true;
    family.accessTokens.forEach(t -> t.revoked = true);
    List<RefreshFamily> list = families.get(key(family.user, family.clientId));
    if (list != null) {
      list.removeIf(f -> f.revoked);
      if (list.isEmpty()) {
        // The user no longer has the app: the next authorization is a first consent again.
        consents.remove(key(family.user, family.clientId));
      }
    }
  }

  /** Revokes a live access or refresh token and its whole grant; false if it was unknown, expired or revoked. */
  synchronized boolean revoke(String token) {
    IssuedAccessToken access = accessTokens.get(token);
    if (access != null) {
      if (!access.live(now())) {
        return false;
      }
      if (access.family != null) {
        revokeFamily(access.family);
      } else {
        access.revoked = true;
      }
      return true;
    }
    IssuedRefreshToken refresh = refreshTokens.get(token);
    if (refresh != null && refreshState(refresh) == RefreshState.LIVE) {
      revokeFamily(refresh.family);
      return true;
    }
    return false;
  }

  synchronized void revokeUser(String user) {
    families.values().forEach(list -> list.stream().filter(f -> f.user.equals(user)).forEach(f -> {
      f.revoked = true;
      f.accessTokens.forEach(t -> t.revoked = true);
    }));
    families.values().forEach(list -> list.removeIf(f -> f.revoked));
    accessTokens.values().stream().filter(t -> t.user.equals(user)).forEach(t -> t.revoked = true);
    consents.removeIf(k -> k.startsWith(user + "\n"));
  }

  synchronized Optional<TokenInfo> introspect(String accessToken) {
    IssuedAccessToken token = accessTokens.get(accessToken);
    return token != null && token.live(now()) ? Optional.of(token.info()) : Optional.empty();
  }

  /** Seeds a consented grant with a refresh token, as if the consent dance had just happened. */
  synchronized String issueRefreshToken(String clientId, String user, Set<String> scopes) {
    if (!clients.containsKey(clientId)) {
      throw new IllegalArgumentException("unknown client '" + clientId + "': registerClient first");
    }
    recordConsent(user, clientId);
    return newRefreshToken(newFamily(user, clientId, Scopes.expandAll(scopes, settings.mode())));
  }

  /** Issues a bare access token (no refresh grant); Microsoft: audience = the scopes' first resource. */
  synchronized String issueAccessToken(String clientId, String user, Set<String> scopes) {
    if (!clients.containsKey(clientId)) {
      throw new IllegalArgumentException("unknown client '" + clientId + "': registerClient first");
    }
    Set<String> expanded = Scopes.expandAll(scopes, settings.mode());
    String audience = clientId;
    if (settings.mode() == EmulatorMode.MICROSOFT) {
      audience = Scopes.resources(expanded).stream().findFirst().orElse("https://graph.microsoft.com");
    }
    return newAccessToken(user, clientId, expanded, audience, null).value;
  }

  private static String key(String user, String clientId) {
    return user + "\n" + clientId;
  }
}
