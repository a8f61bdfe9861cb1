package dev.mailtoken.testkit;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An OAuth2 provider emulator: a real HTTP server on 127.0.0.1 (ephemeral port) that behaves
 * like Google, Microsoft or a plain RFC server, with a controllable clock, fault injection,
 * request counters and a request log.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2031-05-17T09:13:27.123Z"));
 * try (ProviderEmulator emulator = ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).clock(clock).build()) {
 *   emulator.start();
 *   emulator.registerClient(ClientRegistration.confidential("app", "secret").redirectUri("http://127.0.0.1/cb").build());
 *   String refreshToken = emulator.issueRefreshToken("app", "user@example.com", List.of("https://mail.google.com/"));
 *   // point the code under test at emulator.tokenEndpoint()
 * }
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread while the server serves requests
 * on its own pool (which grows as needed, so hundreds of concurrent requests are served and
 * counted exactly). All expiry decisions read the injected clock; only {@link Fault#delay} and
 * {@link Fault#slowDrip} use real time. Endpoint accessors fail with {@link IllegalStateException}
 * before {@link #start()}. The emulator never logs a secret (tokens, codes, client secrets).
 */
public final class ProviderEmulator implements AutoCloseable {
  private final EmulatorSettings settings;
  private final Faults faults = new Faults();
  private final RequestLog requestLog;
  private final GrantStore grants;
  private final ApiOutbox outbox = new ApiOutbox();
  private volatile EmulatorServer running;

  ProviderEmulator(EmulatorSettings settings) {
    this.settings = settings;
    this.requestLog = new RequestLog();
    this.grants = new GrantStore(settings);
  }

  /** A builder; {@link ProviderEmulatorBuilder#mode} is required. */
  public static ProviderEmulatorBuilder builder() {
    return new ProviderEmulatorBuilder();
  }

  /**
   * Binds 127.0.0.1 on an ephemeral port and starts serving.
   *
   * @throws IllegalStateException if already started or closed
   * @throws UncheckedIOException if the socket cannot be bound
   */
  public synchronized ProviderEmulator start() {
    if (running != null) {
      throw new IllegalStateException("the emulator was already started");
    }
    running = EmulatorServer.start(settings, paths -> new Dispatcher(settings, paths, faults, requestLog, grants,
        outbox));
    return this;
  }

  /** Stops the server at once (in-flight requests are cut) and its threads. Idempotent. */
  @Override
  public synchronized void close() {
    EmulatorServer r = running;
    if (r != null) {
      r.stop();
    }
  }

  private Paths paths() {
    EmulatorServer r = running;
    if (r == null) {
      throw new IllegalStateException("call start() first: endpoints are known once the port is bound");
    }
    return r.paths;
  }

  /** The clock every expiry decision reads (the SMTP emulator's default clock). */
  java.time.Clock clock() {
    return settings.clock();
  }

  /** The mode this emulator was built with. */
  public EmulatorMode mode() {
    return settings.mode();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return paths().base();
  }

  /** The issuer to discover from (Microsoft: for the builder's tenant; see {@link #issuer(String)}). */
  public URI issuer() {
    return paths().issuer(settings.tenant());
  }

  /** Microsoft only: the issuer URL of {@code tenant} ({@code <base>/<tenant>/v2.0}). */
  public URI issuer(String tenant) {
    return paths().issuer(requireTenant(tenant));
  }

  /** The authorization endpoint (Microsoft: for the builder's tenant). */
  public URI authorizationEndpoint() {
    return paths().authorize(settings.tenant());
  }

  /** Microsoft only: the authorization endpoint of {@code tenant}. */
  public URI authorizationEndpoint(String tenant) {
    return paths().authorize(requireTenant(tenant));
  }

  /** The token endpoint (Microsoft: for the builder's tenant). */
  public URI tokenEndpoint() {
    return paths().token(settings.tenant());
  }

  /** Microsoft only: the token endpoint of {@code tenant} ({@code common}, {@code organizations}, a GUID, ...). */
  public URI tokenEndpoint(String tenant) {
    return paths().token(requireTenant(tenant));
  }

  /** The revocation endpoint; in Microsoft mode it answers 404, as Microsoft has none. */
  public URI revocationEndpoint() {
    return paths().revoke();
  }

  /** The OIDC discovery document URL (Microsoft: for the builder's tenant). */
  public URI discoveryEndpoint() {
    return paths().discovery(settings.tenant());
  }

  /** Microsoft only: the discovery document URL of {@code tenant}. */
  public URI discoveryEndpoint(String tenant) {
    return paths().discovery(requireTenant(tenant));
  }

  /**
   * The device authorization endpoint (RFC 8628; Microsoft: for the builder's tenant). Answer the
   * codes it hands out with {@link #approveDeviceCode} or {@link #declineDeviceCode}.
   */
  public URI deviceEndpoint() {
    return paths().device(settings.tenant());
  }

  /** The userinfo endpoint (Bearer access token → {@code sub}, {@code email}). */
  public URI userinfoEndpoint() {
    return paths().userinfo();
  }

  /** The JWKS URI (an empty key set: emitted ID tokens are not verifiable). */
  public URI jwksUri() {
    return paths().jwks();
  }

  private String requireTenant(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    if (settings.mode() != EmulatorMode.MICROSOFT) {
      throw new IllegalStateException("tenants exist only in MICROSOFT mode; this emulator is " + settings.mode());
    }
    return tenant;
  }

  /** Registers (or replaces) an app. */
  public void registerClient(ClientRegistration client) {
    grants.registerClient(Objects.requireNonNull(client, "client"));
  }

  /** Registers (or replaces) a service account whose JWT assertions the token endpoint accepts. */
  public void registerServiceAccount(ServiceAccountRegistration account) {
    grants.registerServiceAccount(Objects.requireNonNull(account, "account"));
  }

  /**
   * Generates an RSA-2048 key pair, registers it as service account {@code email} with the given
   * delegated scopes, and returns its key file (token_uri = this emulator's token endpoint).
   */
  public ServiceAccountKeyFile createServiceAccount(String email, Collection<String> delegatedScopes) {
    ServiceAccountKeyFile keyFile = ServiceAccountKeys.generate(email, tokenEndpoint(), settings.mode());
    grants.registerServiceAccount(ServiceAccountKeys.registration(keyFile, delegatedScopes));
    grants.rememberSecret(keyFile.pkcs8Pem());
    grants.rememberSecret(keyFile.pkcs1Pem());
    return keyFile;
  }

  /**
   * Seeds a grant as if {@code user} had consented to {@code scopes} for {@code clientId} just now,
   * and returns its refresh token. Microsoft: the scopes' order is kept, so a refresh without a
   * {@code scope} parameter gets a token for the first resource named (as Microsoft does), and a
   * refresh naming another consented resource's scopes gets a token for that one.
   *
   * @throws IllegalArgumentException if the client is unknown
   */
  public String issueRefreshToken(String clientId, String user, Collection<String> scopes) {
    return grants.issueRefreshToken(clientId, user, new LinkedHashSet<>(scopes));
  }

  /**
   * Issues an access token to {@code clientId} for {@code user} with {@code scopes}, as a refresh would
   * (Microsoft: its audience is the scopes' resource, e.g. {@code https://outlook.office.com}); for
   * tests that need a live token without the OAuth dance.
   *
   * @throws IllegalArgumentException if the client is unknown
   */
  public String issueAccessToken(String clientId, String user, Collection<String> scopes) {
    return grants.issueAccessToken(clientId, Objects.requireNonNull(user, "user"), new LinkedHashSet<>(scopes));
  }

  /** Sets what the user answers on every following consent screen (default {@link ConsentDecision#grantAll()}). */
  public void consent(ConsentDecision decision) {
    grants.consent(Objects.requireNonNull(decision, "decision"));
  }

  /**
   * The user codes of device authorizations still waiting for the user (not answered, not
   * expired at the emulator clock), oldest first.
   */
  public List<String> pendingUserCodes() {
    return grants.devices().pendingUserCodes(settings.clock().instant());
  }

  /**
   * The user types {@code userCode} on the verification page, signs in as {@code user} and answers
   * the consent screen as the current {@link #consent(ConsentDecision)} says: grant all, a subset
   * (the requested scopes also in it), or deny (as {@link #declineDeviceCode}). The device's next
   * poll gets the tokens. The code is compared case-insensitively, punctuation ignored.
   *
   * @throws IllegalArgumentException if no pending, unexpired authorization has this user code
   */
  public void approveDeviceCode(String userCode, String user) {
    grants.devices().answer(Objects.requireNonNull(userCode, "userCode"), Objects.requireNonNull(user, "user"),
        grants.decision(), settings.clock().instant());
  }

  /**
   * The user types {@code userCode} and declines: the device's next poll gets {@code access_denied}
   * (Microsoft: {@code authorization_declined}).
   *
   * @throws IllegalArgumentException if no pending, unexpired authorization has this user code
   */
  public void declineDeviceCode(String userCode) {
    grants.devices().decline(Objects.requireNonNull(userCode, "userCode"), settings.clock().instant());
  }

  /** The live access token's details, or empty if unknown, expired or revoked. */
  public Optional<TokenInfo> introspect(String accessToken) {
    return grants.introspect(Objects.requireNonNull(accessToken, "accessToken"));
  }

  /** Revokes a token as the revocation endpoint would (its whole grant); false if it was not live. */
  public boolean revoke(String token) {
    return grants.revoke(Objects.requireNonNull(token, "token"));
  }

  /** Revokes every grant of {@code user} (the user removed the app / an admin revoked all sessions). */
  public void revokeUser(String user) {
    grants.revokeUser(Objects.requireNonNull(user, "user"));
  }

  /** Fault injection per endpoint. */
  public Faults faults() {
    return faults;
  }

  /** How many requests reached {@code endpoint} (faulted ones included). Exact under concurrency. */
  public long requestCount(Endpoint endpoint) {
    return requestLog.count(Objects.requireNonNull(endpoint, "endpoint"));
  }

  /** Every request received, in arrival order. */
  public List<RecordedRequest> requests() {
    return requestLog.all();
  }

  /** The requests received by {@code endpoint}, in arrival order. */
  public List<RecordedRequest> requests(Endpoint endpoint) {
    return requestLog.of(Objects.requireNonNull(endpoint, "endpoint"));
  }

  /**
   * Messages accepted by the HTTP send endpoints ({@code POST /gmail/v1/users/{userId}/messages/send},
   * {@code POST /v1.0/me/sendMail}, {@code /v1.0/users/{id}/sendMail}), in order.
   */
  public List<ApiMessage> apiMessages() {
    return outbox.all();
  }

  /** Gmail API send URL for {@code userId} ({@code me} or the user's address). */
  public URI gmailSendEndpoint(String userId) {
    return paths().gmailSend(Objects.requireNonNull(userId, "userId"));
  }

  /** Graph {@code /v1.0/me/sendMail}. */
  public URI graphSendMailEndpoint() {
    return paths().graphSendMail(null);
  }

  /** Graph {@code /v1.0/users/{idOrUpn}/sendMail}. */
  public URI graphSendMailEndpoint(String userIdOrUpn) {
    return paths().graphSendMail(Objects.requireNonNull(userIdOrUpn, "userIdOrUpn"));
  }

  /** Forgets recorded requests and {@link #apiMessages()}, and resets the counters. */
  public void clearRequests() {
    requestLog.clear();
    outbox.clear();
  }

  /**
   * Every secret the emulator knows: access and refresh tokens, codes, client secrets and generated
   * private keys. Tests use it to prove none leaked into logs or messages.
   */
  public Set<String> issuedSecrets() {
    return grants.secrets();
  }

  @Override
  public String toString() {
    EmulatorServer r = running;
    return "ProviderEmulator[" + settings.mode() + (r == null ? ", not started" : ", " + r.paths.base()) + "]";
  }
}
