package dev.mailtoken.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.OAuthError;
import dev.mailtoken.ReauthorizationRequiredException;
import dev.mailtoken.internal.ServerText;
import dev.mailtoken.TransientException;
import dev.mailtoken.internal.http.Excerpts;
import dev.mailtoken.internal.http.HttpReply;
import dev.mailtoken.internal.http.HttpStatuses;
import dev.mailtoken.internal.http.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a failed token-endpoint answer into the exception a caller can act on. Branches on the
 * HTTP status and the {@code error} code only, never on description text (T-M-09).
 *
 * <ul>
 *   <li>5xx, 408, 429, or {@code temporarily_unavailable}/{@code server_error}/{@code internal_failure}
 *       → {@link TransientException} (with {@code Retry-After}); a non-JSON body is the cause.
 *   <li>{@code invalid_grant} → {@link ReauthorizationRequiredException} on refresh and JWT
 *       bearer (Microsoft's {@code suberror=consent_required}: the scopes were never consented to), {@link AuthorizationCodeRejectedException} on code exchange,
 *       {@link ConfigurationException} on client credentials.
 *   <li>every other OAuth error ({@code invalid_client}, {@code unauthorized_client},
 *       {@code invalid_scope}, {@code redirect_uri_mismatch}, {@code deleted_client}, ...) →
 *       {@link ConfigurationException}.
 *   <li>anything else (HTML, truncated JSON, redirects) → {@link InvalidResponseException}.
 * </ul>
 */
final class FailureClassifier {
  private static final Set<String> TRANSIENT_ERRORS = Set.of("temporarily_unavailable", "server_error", "internal_failure");

  private final Clock clock;

  FailureClassifier(Clock clock) {
    this.clock = clock;
  }

  static boolean isTransientStatus(int status) {
    return HttpStatuses.isTransient(status);
  }

  /** The OAuth error in {@code reply}'s body, when it is a JSON object with an {@code error} string. */
  static Optional<OAuthError> oauthError(HttpReply reply) {
    JsonNode json = Json.parseOrNull(reply.body());
    if (json == null || !json.isObject() || !json.path("error").isTextual() || json.path("error").asText().isBlank()) {
      return Optional.empty();
    }
    String subtype = json.path("error_subtype").isTextual() ? json.path("error_subtype").asText()
        : json.path("suberror").isTextual() ? json.path("suberror").asText() : "";
    return Optional.of(new OAuthError(json.path("error").asText(), text(json, "error_description"),
        text(json, "error_uri"), reply.status(), subtype));
  }

  private static String text(JsonNode json, String field) {
    return json.path(field).isTextual() ? json.path(field).asText() : "";
  }

  MailtokenException classify(GrantType grant, Target target, HttpReply reply) {
    Optional<OAuthError> error = oauthError(reply);
    Duration retryAfter = RetryAfter.parse(reply.header("Retry-After"), clock).orElse(null);
    String who = target.who();
    if (error.isEmpty()) {
      InvalidResponseException invalid = invalid(grant, target, reply);
      if (isTransientStatus(reply.status())) {
        return new TransientException(target.provider() + " answered the " + grant.description() + who
            + " with HTTP " + reply.status() + (retryAfter != null ? " (Retry-After " + retryAfter.toSeconds() + " s)" : "")
            + "; this is usually temporary: retry later", target.account(), null, retryAfter, invalid);
      }
      return invalid;
    }
    OAuthError e = error.get();
    String said = target.provider() + " refused the " + grant.description() + who + ": " + e.summary()
        + (e.summary().endsWith(".") ? " " : ". ");
    if (isTransientStatus(reply.status()) || TRANSIENT_ERRORS.contains(e.error())) {
      return new TransientException(said + "This is temporary on the provider's side: retry later"
          + (retryAfter != null ? " (it asked to wait " + retryAfter.toSeconds() + " s)" : ""),
          target.account(), e, retryAfter, null);
    }
    switch (e.error()) {
      case "invalid_grant":
        return invalidGrant(grant, target, e, said);
      case "invalid_client":
        return config(said + "The client id or client secret is wrong, or the client was deleted: check them in the"
            + " provider's console and in your configuration", target, e);
      case "deleted_client":
        return config(said + "The OAuth client was deleted in the provider's console: restore it (Google keeps"
            + " deleted clients for 30 days) or create a new one and authorize again", target, e);
      case "unauthorized_client":
        return config(said + (grant == GrantType.JWT_BEARER
            ? "The service account may not act for this user or these scopes: in the Google Workspace admin console"
              + " (Security > API controls > Domain-wide delegation) allow its client id with exactly these scopes"
            : "This client may not use this grant type or this refresh token belongs to another client: check the"
              + " app's client id and its allowed grant types"), target, e);
      case "invalid_scope":
        return config(said + "A requested scope is unknown, not allowed for this app, or wider than the original"
            + " grant: check the scopes against the app registration", target, e);
      case "redirect_uri_mismatch":
        return config(said + "The redirect URI must exactly match one registered for the app (scheme, host, port,"
            + " path and trailing slash) and the one used in the authorization request", target, e);
      default:
        return config(said + "The request was refused; check the app registration and configuration"
            + " (see the provider's error code above)", target, e);
    }
  }

  private static MailtokenException invalidGrant(GrantType grant, Target target, OAuthError e, String said) {
    if (grant == GrantType.AUTHORIZATION_CODE) {
      return new AuthorizationCodeRejectedException(said + "The authorization code was already used, has expired,"
          + " was altered in transit, or the PKCE verifier does not match: run the consent flow again and exchange"
          + " the new code once, right away", target.account(), e);
    }
    if (grant == GrantType.CLIENT_CREDENTIALS) {
      return config(said + "Check the client's credentials and the requested scope", target, e);
    }
    if (grant == GrantType.JWT_BEARER) {
      return new ReauthorizationRequiredException(said + "The service-account assertion was rejected: the key may"
          + " be deleted or disabled, or the machine clock is off; check the key in the Google Cloud console,"
          + " create a new key file if needed, and check the system time", target.account(), e, null);
    }
    if (e.subtype().equals("consent_required")) {
      return new ReauthorizationRequiredException(said + "The user has not consented to the scopes asked for"
          + " (with Microsoft, often another resource than the one authorized, such as Graph for an account"
          + " authorized for SMTP): run the consent flow for this account again, asking for those scopes too",
          target.account(), e, null);
    }
    boolean reauthentication = e.subtype().equals("invalid_rapt") || e.subtype().equals("rapt_required");
    return new ReauthorizationRequiredException(said + (reauthentication
        ? "The organisation's session-control policy requires the user to sign in again: run the consent flow"
          + " for this account again"
        : "The refresh token is no longer valid (revoked by the user, expired, unused too long, password changed,"
          + " or reused after rotation): run the consent flow for this account again"), target.account(), e, null);
  }

  private static ConfigurationException config(String message, Target target, OAuthError e) {
    return new ConfigurationException(message, target.account(), e, null);
  }

  private static InvalidResponseException invalid(GrantType grant, Target target, HttpReply reply) {
    String excerpt = Excerpts.of(reply.body());
    if (reply.status() >= 300 && reply.status() < 400) {
      return new InvalidResponseException(target.provider() + " answered the " + grant.description() + target.who()
          + " with a redirect (HTTP " + reply.status() + " to "
          + ServerText.printable(reply.header("Location").orElse("?")) + "); redirects are not followed for token"
          + " requests: configure the final endpoint URL",
          target.account(), reply.status(), excerpt, false, null);
    }
    boolean truncated = Json.looksTruncated(reply.body());
    return new InvalidResponseException(target.provider() + " answered the " + grant.description() + target.who()
        + " with HTTP " + reply.status() + " and a body that is not an OAuth2 response"
        + (truncated ? " (it was cut short; retry later)" : " (check the endpoint URL and any proxy in between)")
        + ": \"" + excerpt + "\"", target.account(), reply.status(), excerpt, truncated, null);
  }
}
