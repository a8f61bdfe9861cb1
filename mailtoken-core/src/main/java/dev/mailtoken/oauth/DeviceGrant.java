package dev.mailtoken.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.OAuthError;
import dev.mailtoken.Secret;
import dev.mailtoken.internal.http.Excerpts;
import dev.mailtoken.internal.http.HttpReply;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two requests of the device authorization grant (RFC 8628): the device authorization request
 * and one poll of the token endpoint, with each provider's answers read into {@link DevicePoll}s or
 * typed failures. Stateless apart from its collaborators; thread-safe.
 */
final class DeviceGrant {
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
  private static final Logger log = LoggerFactory.getLogger(OAuthClient.class);
  private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  /** Used when a provider leaves out the required expires_in: Microsoft's lifetime. */
  private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);
  /** Microsoft's "the app is not a public client and sent no secret" (AADSTS7000218). */
  private static final int AADSTS_NO_CLIENT_SECRET = 7000218;

  private final EndpointCaller caller;
  private final FailureClassifier classifier;
  private final TokenResponseReader reader;
  private final Clock clock;

  DeviceGrant(EndpointCaller caller, FailureClassifier classifier, TokenResponseReader reader, Clock clock) {
    this.caller = caller;
    this.classifier = classifier;
    this.reader = reader;
    this.clock = clock;
  }

  DeviceAuthorization start(App app, List<String> scopes) throws MailtokenException {
    OAuthProvider provider = app.provider();
    Set<String> asked = new LinkedHashSet<>(Scopes.checked(scopes).isEmpty() ? app.scopes() : Scopes.checked(scopes));
    URI endpoint = provider.deviceAuthorizationEndpoint().orElseThrow(() -> new ConfigurationException("provider "
        + provider.name() + " has no device authorization endpoint, so the device flow (RFC 8628) cannot be used;"
        + " use the browser (loopback) flow, or configure the endpoint if the provider has one"));
    refuseGoogleMail(provider, asked);
    provider.offlineAccessScope().ifPresent(asked::add);
    Set<String> required = new LinkedHashSet<>(asked);
    required.retainAll(provider.defaultScopes());
    provider.offlineAccessScope().ifPresent(required::remove);
    Target target = new Target(provider.name(), endpoint, null);
    Form form = new Form().add("scope", Scopes.join(asked));
    ClientAuthenticator.authenticate(app, form);
    HttpReply reply = caller.post(GrantType.DEVICE_AUTHORIZATION, target, form,
        ClientAuthenticator.basicAuthorization(app));
    log.debug("{} POST {} -> HTTP {} in {} ms client={}", GrantType.DEVICE_AUTHORIZATION.description(), endpoint,
        reply.status(), reply.elapsedMillis(), app.clientId());
    if (!reply.isSuccess()) {
      reply = reply.withoutSecrets(ClientAuthenticator.secretsOf(app, form));
      throw failure(GrantType.DEVICE_AUTHORIZATION, app, target, reply);
    }
    return read(app, target, reply, List.copyOf(asked), required);
  }

  /**
   * T-D-01: Google's device flow has its own scope allowlist without any Gmail scope; the request
   * would fail with {@code invalid_scope}, so it is not sent.
   */
  private static void refuseGoogleMail(OAuthProvider provider, Set<String> scopes) throws ConfigurationException {
    boolean google = provider.tokenEndpoint().equals(OAuthProvider.GOOGLE_TOKEN) || provider.name().equals("google")
        || provider.issuer().map(i -> i.getHost().equals("accounts.google.com")).orElse(false);
    for (String scope : scopes) {
      if (google && (scope.equals("https://mail.google.com/") || scope.startsWith("https://www.googleapis.com/auth/gmail."))) {
        throw new ConfigurationException("Google's device flow does not grant mail scopes (" + scope + " is not on its"
            + " device-flow allowlist), so no device code was requested: use the browser flow (from an SSH session,"
            + " paste the redirected address back), or a Google Workspace service account with domain-wide delegation");
      }
    }
  }

  private DeviceAuthorization read(App app, Target target, HttpReply reply, List<String> asked, Set<String> required)
      throws InvalidResponseException {
    JsonNode json = Json.parseOrNull(reply.body());
    String deviceCode = json == null ? null : text(json, "device_code");
    String userCode = json == null ? null : text(json, "user_code");
    String page = json == null ? null : Optional.ofNullable(text(json, "verification_uri"))
        .orElse(text(json, "verification_url"));
    URI verification = page == null ? null : uri(page);
    if (deviceCode == null || userCode == null || verification == null || !userCode.equals(shown(userCode))) {
      String excerpt = Excerpts.of(reply.body());
      throw new InvalidResponseException(target.provider() + " answered the device authorization request with HTTP "
          + reply.status() + " but without device_code, a printable user_code and an absolute verification_uri: \""
          + excerpt
          + "\"; check the device authorization endpoint URL", null, reply.status(), excerpt,
          Json.looksTruncated(reply.body()), null);
    }
    Duration lifetime = TokenResponseReader.expiresIn(json.get("expires_in")).orElse(DEFAULT_LIFETIME);
    Duration interval = TokenResponseReader.expiresIn(json.get("interval")).orElse(DEFAULT_INTERVAL);
    Optional<URI> complete = Optional.ofNullable(text(json, "verification_uri_complete")).map(DeviceGrant::uri);
    return new DeviceAuthorization(app, Secret.of(deviceCode), userCode, verification, complete,
        Optional.ofNullable(text(json, "message")).map(DeviceGrant::shown), clock.instant().plus(lifetime), interval,
        asked, required);
  }

  /** Text to show a person: control and format characters (a terminal would act on them) become spaces. */
  private static String shown(String text) {
    return text.replaceAll("[\\p{Cc}\\p{Cf}\\u2028\\u2029]", " ").strip();
  }

  DevicePoll poll(DeviceAuthorization device) throws MailtokenException {
    App app = device.app();
    Target target = new Target(app.provider().name(), app.provider().tokenEndpoint(), null);
    Form form = new Form().add("grant_type", GRANT_TYPE).add("device_code", device.deviceCode().reveal());
    ClientAuthenticator.authenticate(app, form);
    HttpReply reply = caller.post(GrantType.DEVICE_CODE, target, form, ClientAuthenticator.basicAuthorization(app));
    if (reply.isSuccess()) {
      TokenResponse tokens = reader.read(GrantType.DEVICE_CODE, target, reply, device.scopes());
      log.debug("{} POST {} -> HTTP {} in {} ms device_code={} access_token={} refresh_token={}",
          GrantType.DEVICE_CODE.description(), target.endpoint(), reply.status(), reply.elapsedMillis(),
          device.deviceCode().fingerprint(), tokens.accessToken().fingerprint(),
          tokens.refreshToken().map(Secret::fingerprint).orElse("none"));
      CodeExchangeChecks.check(app.provider(), true, device.requiredScopes(), tokens, target);
      return new DevicePoll.Granted(tokens);
    }
    reply = reply.withoutSecrets(ClientAuthenticator.secretsOf(app, form));
    Optional<OAuthError> error = FailureClassifier.oauthError(reply);
    String code = error.map(OAuthError::error).orElse(reply.status() == 428 ? "authorization_pending" : "");
    log.debug("{} POST {} -> HTTP {} in {} ms device_code={} error={}", GrantType.DEVICE_CODE.description(),
        target.endpoint(), reply.status(), reply.elapsedMillis(), device.deviceCode().fingerprint(), code);
    switch (code) {
      case "authorization_pending":
        return new DevicePoll.Pending();
      case "slow_down":
        return new DevicePoll.SlowDown();
      default:
        throw pollFailure(code, device, target, reply, error.orElse(null));
    }
  }

  /** The provider's own words are in {@code error} ({@code oauthError()}); the messages name the code only. */
  private MailtokenException pollFailure(String code, DeviceAuthorization device, Target target, HttpReply reply,
      OAuthError error) {
    String provider = target.provider();
    switch (code) {
      case "expired_token":
        return DeviceCodePoller.expired(device, "it expired (" + code + ")", error, null);
      case "access_denied":
      case "authorization_declined":
        return new AuthorizationDeniedException("the user declined the device authorization at " + provider + " ("
            + code + "); nothing was authorized. Start again and accept the requested permissions if"
            + " mail should be sent from this account", null, error);
      case "bad_verification_code":
      case "invalid_grant":
        return new AuthorizationException(provider + " no longer accepts this device code (" + code
            + "): it was already used or has expired. Start the device authorization again", null, error, null);
      default:
        return failure(GrantType.DEVICE_CODE, device.app(), target, reply);
    }
  }

  /** Microsoft's AADSTS7000218 gets its real explanation; everything else the usual classification. */
  private MailtokenException failure(GrantType grant, App app, Target target, HttpReply reply) {
    Optional<OAuthError> error = FailureClassifier.oauthError(reply);
    if (error.isPresent() && errorCodes(reply).contains(AADSTS_NO_CLIENT_SECRET)) {
      return new ConfigurationException(target.provider() + " refused the " + grant.description() + " for app "
          + app.clientId() + " (AADSTS7000218: it asks for a client_secret or client_assertion): the app registration"
          + " does not allow public client flows, which the device flow needs. Enable 'Allow public client flows'"
          + " in the app registration's Authentication page, or use the loopback flow", null, error.get(), null);
    }
    return classifier.classify(grant, target, reply);
  }

  /** Microsoft's {@code error_codes} array: the AADSTS numbers, a structured field (unlike the description). */
  private static Set<Integer> errorCodes(HttpReply reply) {
    JsonNode json = Json.parseOrNull(reply.body());
    Set<Integer> codes = new LinkedHashSet<>();
    if (json != null && json.path("error_codes").isArray()) {
      json.path("error_codes").forEach(n -> codes.add(n.asInt()));
    }
    return codes;
  }

  private static String text(JsonNode json, String field) {
    JsonNode n = json.get(field);
    return n == null || !n.isValueNode() || n.asText().isEmpty() ? null : n.asText();
  }

  private static URI uri(String text) {
    try {
      URI u = URI.create(text);
      return u.isAbsolute() ? u : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
