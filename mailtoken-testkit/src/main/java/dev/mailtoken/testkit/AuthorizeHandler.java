package dev.mailtoken.testkit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The authorization endpoint: validates client and redirect URI (errors are pages, never
 * redirects), applies the consent decision, and redirects with a single-use code. Decides at
 * consent time whether the code will yield a refresh token (Google's first-consent rule,
 * Microsoft's {@code offline_access}). Thread-safe: state lives in the {@link GrantStore}.
 */
final class AuthorizeHandler {
  private final EmulatorSettings settings;
  private final GrantStore grants;
  private final ErrorReplies errors;

  AuthorizeHandler(EmulatorSettings settings, GrantStore grants, ErrorReplies errors) {
    this.settings = settings;
    this.grants = grants;
    this.errors = errors;
  }

  Reply handle(Request request) {
    EmulatorMode mode = settings.mode();
    String clientId = request.param("client_id");
    ClientRegistration client = grants.client(clientId).orElse(null);
    if (client == null) {
      return errors.page(401, "invalid_client", "The OAuth client was not found.",
          "AADSTS700016: Application with identifier '" + clientId + "' was not found in the directory.");
    }
    String redirectUri = request.param("redirect_uri");
    if (redirectUri == null || !RedirectUris.allowed(mode, client, redirectUri)) {
      return errors.page(400, "redirect_uri_mismatch",
          "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy."
              + " Register the redirect URI in the Cloud Console.",
          "AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for"
              + " the application '" + clientId + "'.");
    }
    if (mode == EmulatorMode.GOOGLE && request.param("approval_prompt") != null && request.param("prompt") != null) {
      return errors.page(400, "invalid_request", "Conflict params: approval_prompt and prompt", "");
    }
    String state = request.param("state");
    if (!"code".equals(request.param("response_type"))) {
      return redirectError(redirectUri, "unsupported_response_type", "Only response_type=code is supported.", state);
    }
    Set<String> requested = Scopes.parse(request.param("scope"), mode);
    if (requested.isEmpty()) {
      return redirectError(redirectUri, "invalid_request", "Missing required parameter: scope", state);
    }
    String challenge = request.param("code_challenge");
    String method = request.param("code_challenge_method");
    if (challenge != null) {
      method = method == null ? "plain" : method;
      if (!method.equals("S256") && !method.equals("plain")) {
        return redirectError(redirectUri, "invalid_request", "Invalid code_challenge_method: " + method, state);
      }
    }
    ConsentDecision decision = grants.decision();
    Set<String> granted = granted(decision, requested);
    if (decision.kind() == ConsentDecision.Kind.DENY || granted.isEmpty()) {
      return redirectError(redirectUri, "access_denied",
          mode == EmulatorMode.MICROSOFT ? "AADSTS65004: User declined to consent to access the app." : null, state);
    }
    String hint = request.param("login_hint");
    String user = hint == null || hint.isBlank() ? settings.defaultUser() : hint;
    AuthorizationCode code;
    synchronized (grants) {
      boolean refresh = refreshTokenWanted(request, client, user, granted);
      grants.recordConsent(user, client.clientId());
      code = grants.newCode(client.clientId(), redirectUri, user, granted, challenge, method, refresh);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("code", code.value);
    if (mode != EmulatorMode.MICROSOFT) {
      params.put("scope", Scopes.join(granted));
    }
    if (mode == EmulatorMode.GOOGLE) {
      params.put("authuser", "0");
      params.put("prompt", "consent");
    }
    params.put("state", state);
    return Reply.redirect(Form.appendQuery(redirectUri, params));
  }

  private Set<String> granted(ConsentDecision decision, Set<String> requested) {
    if (decision.kind() != ConsentDecision.Kind.GRANT_SUBSET) {
      return requested;
    }
    Set<String> allowed = Scopes.expandAll(decision.scopes(), settings.mode());
    Set<String> granted = new LinkedHashSet<>(requested);
    granted.retainAll(allowed);
    return granted;
  }

  /** Called holding the grants monitor, before this consent is recorded. */
  private boolean refreshTokenWanted(Request request, ClientRegistration client, String user, Set<String> granted) {
    switch (settings.mode()) {
      case GOOGLE:
        if (client.type() == ClientType.DESKTOP) {
          return true; // "Refresh tokens are always returned for installed applications."
        }
        boolean offline = "offline".equals(request.param("access_type"));
        String prompt = request.param("prompt");
        boolean forced = (prompt != null && Arrays.asList(prompt.split(" ")).contains("consent"))
            || "force".equals(request.param("approval_prompt"));
        return offline && (forced || !grants.hasConsented(user, client.clientId()));
      case MICROSOFT:
        return granted.contains("offline_access");
      default:
        return true;
    }
  }

  private static Reply redirectError(String redirectUri, String error, String description, String state) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("error", error);
    params.put("error_description", description);
    params.put("state", state);
    return Reply.redirect(Form.appendQuery(redirectUri, params));
  }
}
