package dev.mailtoken.oauth;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.Secret;
import dev.mailtoken.TransientException;
import dev.mailtoken.internal.http.HttpReply;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Talks to token endpoints on {@code java.net.http}: code exchange, refresh, JWT bearer,
 * client credentials, revocation, the userinfo endpoint, and the device authorization grant
 * (RFC 8628, polled by {@link DeviceCodePoller}). Every request, and the discovery that precedes
 * them, goes over https (plain http only to loopback), is never redirected, has connect and
 * request timeouts and a response size cap ({@link OAuthClientBuilder}).
 *
 * <p>Create one with {@link #builder()} and share it: it is immutable and thread-safe, and every
 * method may be called from many threads at once. Methods block until the answer arrives or the
 * request timeout passes; none retries (retry policy belongs to the token layer). The one
 * exception is {@link #refreshAsync}, which returns at once and keeps reading the answer until the
 * longer completion timeout: the token layer and the store use it so that a late answer carrying
 * a rotated refresh token is saved instead of lost.
 *
 * <p>Failures are typed: {@link ReauthorizationRequiredException} ({@code invalid_grant} on a
 * refresh or JWT), {@link ConfigurationException} (client, scope, redirect, endpoint problems; a refused TLS
 * certificate is {@link dev.mailtoken.UntrustedCertificateException}),
 * {@link TransientException} (5xx, 408, 429, network; {@link OAuthTimeoutException} for timeouts),
 * {@link InvalidResponseException} (not an OAuth2 answer), {@link AuthorizationException} (code
 * exchange). Messages never contain request bodies or secrets.
 */
public final class OAuthClient {

  private final EndpointCaller caller;
  private final Clock clock;
  private final TokenEndpoint tokens;
  private final TokenRevoker revoker;
  private final UserinfoLookup userinfo;
  private final DeviceGrant devices;
  private final Duration requestTimeout;
  private final Duration completionTimeout;

  OAuthClient(EndpointCaller caller, Clock clock, Duration requestTimeout, Duration completionTimeout) {
    this.caller = caller;
    this.clock = clock;
    this.requestTimeout = requestTimeout;
    this.completionTimeout = completionTimeout;
    FailureClassifier classifier = new FailureClassifier(clock);
    TokenResponseReader reader = new TokenResponseReader(clock);
    this.tokens = new TokenEndpoint(caller, classifier, reader, completionTimeout);
    this.revoker = new TokenRevoker(caller, classifier);
    this.userinfo = new UserinfoLookup(caller, classifier);
    this.devices = new DeviceGrant(caller, classifier, reader, clock);
  }

  /** A builder; all options have defaults, so {@code OAuthClient.builder().build()} works. */
  public static OAuthClientBuilder builder() {
    return new OAuthClientBuilder();
  }

  /** The clock this client stamps responses with. */
  public Clock clock() {
    return clock;
  }

  /** How long a caller waits for a token endpoint's answer (the synchronous methods' limit). */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * How long {@link #refreshAsync} keeps reading an answer after it was sent: at least the request
   * timeout. Callers that stop waiting after {@link #requestTimeout()} let it run to here.
   */
  public Duration completionTimeout() {
    return completionTimeout;
  }

  /**
   * Refreshes an access token ({@code grant_type=refresh_token}).
   *
   * <p>The response's {@code refreshToken} is present only when the provider rotated it
   * (Microsoft every time, Google never); keep the old one when it is absent (T-G-03).
   *
   * @param scopes scopes to ask for; empty to ask for the original grant
   */
  public TokenResponse refresh(App app, Secret refreshToken, List<String> scopes) throws MailtokenException {
    return refresh(app, refreshToken, scopes, null);
  }

  /**
   * Like {@link #refresh(App, Secret, List)}, naming {@code account} (may be null) in errors and logs.
   */
  public TokenResponse refresh(App app, Secret refreshToken, List<String> scopes, String account)
      throws MailtokenException {
    return tokens.refresh(app, RefreshRequest.of(app, refreshToken, scopes, account));
  }

  /**
   * Sends a refresh now and returns without waiting. Unlike {@link #refresh}, the answer is read
   * until the {@linkplain #completionTimeout() completion timeout}, not the request timeout: with
   * a provider that rotates refresh tokens and detects reuse, an answer that arrives after the
   * caller gave up carries the only refresh token that still works, so whoever holds the future
   * must save it. The future completes with the response or fails with the exceptions
   * {@link #refresh} throws (an {@link OAuthTimeoutException} after the completion timeout).
   * Completion runs on the HTTP client's executor.
   */
  public CompletableFuture<TokenResponse> refreshAsync(App app, Secret refreshToken, List<String> scopes,
      String account) {
    RefreshRequest r;
    try {
      r = RefreshRequest.of(app, refreshToken, scopes, account);
    } catch (MailtokenException e) {
      return CompletableFuture.failedFuture(e);
    }
    return tokens.refreshAsync(app, r);
  }

  /**
   * Mints an access token with a signed JWT assertion (RFC 7523), Google service accounts. The
   * assertion is issued now (by this client's clock) and valid for one hour.
   *
   * @param subject the user to act as (domain-wide delegation), or null/empty for the service account itself
   */
  public TokenResponse jwtBearer(ServiceAccountKey key, String subject, List<String> scopes) throws MailtokenException {
    Objects.requireNonNull(key, "key");
    List<String> asked = Scopes.checked(scopes);
    String account = subject != null && !subject.isEmpty() ? subject : key.clientEmail();
    Target target = new Target(key.tokenUri().getHost(), key.tokenUri(), account);
    Secret assertion = key.createAssertion(subject, asked, clock.instant(), ServiceAccountKey.MAX_ASSERTION_LIFETIME);
    Form form = new Form()
        .add("grant_type", GrantType.JWT_BEARER.wireName())
        .add("assertion", assertion.reveal());
    HttpReply reply = caller.post(GrantType.JWT_BEARER, target, form, null);
    return tokens.read(GrantType.JWT_BEARER, target, reply, asked, "iss=" + key.clientEmail() + " assertion="
        + assertion.fingerprint());
  }

  /**
   * Gets an app-only token ({@code grant_type=client_credentials}), e.g. Microsoft Graph or
   * Exchange with application permissions ({@code https://outlook.office365.com/.default}).
   *
   * @param scopes the scopes to ask for; empty for the app's scopes
   */
  public TokenResponse clientCredentials(App app, List<String> scopes) throws MailtokenException {
    Objects.requireNonNull(app, "app");
    List<String> asked = Scopes.checked(scopes).isEmpty() ? app.scopes() : Scopes.checked(scopes);
    Target target = new Target(app.provider().name(), app.provider().tokenEndpoint(), app.clientId());
    if (app.clientAuthentication() == ClientAuthentication.NONE) {
      throw new ConfigurationException("client credentials need a confidential client, but app " + app.clientId()
          + " has no client secret: set clientSecret(...) on the app");
    }
    Scopes.checkOneResource(app.provider(), asked);
    Form form = new Form()
        .add("grant_type", GrantType.CLIENT_CREDENTIALS.wireName())
        .addIfNotEmpty("scope", Scopes.join(asked));
    return tokens.exchange(GrantType.CLIENT_CREDENTIALS, target, app, form, asked, "client_id=" + app.clientId());
  }

  /**
   * Exchanges the code from a validated callback for tokens ({@code grant_type=authorization_code}
   * with the PKCE {@code code_verifier}). Exchange each code once: a second try fails (T-G-08).
   *
   * @throws MissingRefreshTokenException when a refresh token was required and none came back (T-G-01)
   * @throws ScopeNotGrantedException when a requested scope marked required was not granted (T-G-06)
   * @throws AuthorizationCodeRejectedException when the provider refused the code ({@code invalid_grant})
   */
  public TokenResponse exchangeCode(App app, AuthorizationCode code) throws MailtokenException {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(code, "code");
    String account = code.account().orElse(null);
    Target target = new Target(app.provider().name(), app.provider().tokenEndpoint(), account);
    Form form = new Form()
        .add("grant_type", GrantType.AUTHORIZATION_CODE.wireName())
        .add("code", code.code().reveal())
        .add("redirect_uri", code.redirectUri().toString());
    code.codeVerifier().ifPresent(v -> form.add("code_verifier", v.reveal()));
    TokenResponse r = tokens.exchange(GrantType.AUTHORIZATION_CODE, target, app, form, code.requestedScopes(),
        "code=" + code.code().fingerprint());
    CodeExchangeChecks.check(app.provider(), code, r, target);
    return r;
  }

  /**
   * Revokes a token (RFC 7009). Idempotent: a token the provider no longer knows counts as done,
   * including Google's {@code 400 invalid_token} (T-G-12).
   *
   * @param hint the kind of token, or null when unknown
   * @return what happened; {@link Revocation#NOT_SUPPORTED} when the provider has no revocation endpoint
   */
  public Revocation revoke(App app, Secret token, TokenTypeHint hint) throws MailtokenException {
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(token, "token");
    return revoker.revoke(app, token, hint);
  }

  /**
   * Asks {@code provider}'s userinfo endpoint (OpenID Connect Core §5.3) for the {@code email} of
   * the user {@code accessToken} belongs to, under the rules of every request here: https except
   * loopback (checked before anything is sent), no redirects, the request timeout and the
   * response size cap. A body that echoes the token has it redacted before it reaches a message.
   *
   * @return the {@code email} claim; empty when the provider has no userinfo endpoint, when the
   *     endpoint does not accept this token (a 4xx other than 408/429: typically a token without
   *     the {@code openid}/{@code email} scope or for another audience), or when no email is named
   * @throws ConfigurationException when the endpoint is plain http to a non-loopback host
   * @throws TransientException on 5xx, 408, 429 and network failures ({@link OAuthTimeoutException} on timeouts)
   * @throws InvalidResponseException when the answer is larger than the cap or a 2xx is not a JSON object
   */
  public Optional<String> userinfoEmail(OAuthProvider provider, Secret accessToken) throws MailtokenException {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(accessToken, "accessToken");
    return userinfo.email(provider, accessToken);
  }

  /**
   * Starts the device authorization grant (RFC 8628 §3.1): asks the provider's device authorization
   * endpoint for a user code to show; then {@link DeviceCodePoller#await} polls for the tokens. The
   * provider's offline-access scope is added; the mail scopes among those asked are required of the
   * token, and a refresh token is required, as for {@link #exchangeCode}.
   *
   * @param scopes scopes to ask for; empty for the app's
   * @throws dev.mailtoken.ConfigurationException when the provider has no device authorization endpoint,
   *     when it is Google and a Gmail scope is asked (Google's device flow refuses them, T-D-01; nothing
   *     is sent), or when the provider refuses the client or a scope (Microsoft's AADSTS7000218 explained)
   */
  public DeviceAuthorization startDeviceAuthorization(App app, List<String> scopes) throws MailtokenException {
    Objects.requireNonNull(app, "app");
    return devices.start(app, scopes);
  }

  /** One poll of the token endpoint for {@code device}. */
  DevicePoll pollDevice(DeviceAuthorization device) throws MailtokenException {
    return devices.poll(device);
  }

  /** GETs a JSON document (discovery metadata); null on 404 so callers can try another location. */
  HttpReply get(URI uri, String providerName) throws MailtokenException {
    return caller.get(GrantType.DISCOVERY, new Target(providerName, uri, null));
  }
}
