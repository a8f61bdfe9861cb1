package dev.mailtoken.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Set;

/**
 * The device authorization endpoint (RFC 8628 §3.1–3.2) in the mode's shape: GOOGLE answers
 * {@code verification_url} (not {@code _uri}), 1800 s, and refuses Gmail scopes with
 * {@code invalid_scope} (T-D-01); MICROSOFT adds the ready-made {@code message}, 900 s; GENERIC
 * answers the RFC fields including {@code verification_uri_complete}, 600 s. The verification
 * page itself is not served: tests answer with {@link ProviderEmulator#approveDeviceCode}.
 * Thread-safe.
 */
final class DeviceAuthorizationHandler {
  private final EmulatorSettings settings;
  private final Paths paths;
  private final GrantStore grants;
  private final ErrorReplies errors;

  DeviceAuthorizationHandler(EmulatorSettings settings, Paths paths, GrantStore grants, ErrorReplies errors) {
    this.settings = settings;
    this.paths = paths;
    this.grants = grants;
    this.errors = errors;
  }

  Reply handle(Request request) {
    if (!request.method().equals("POST")) {
      return Reply.text(405, "The device authorization endpoint takes POST.").withHeader("Allow", "POST");
    }
    String clientId = request.param("client_id");
    if (clientId == null || clientId.isEmpty()) {
      throw errors.reject(Problem.CLIENT_ID_MISSING);
    }
    grants.client(clientId).orElseThrow(() -> errors.reject(Problem.CLIENT_NOT_FOUND, clientId));
    Set<String> scopes = Scopes.parse(request.param("scope"), settings.mode());
    if (scopes.isEmpty()) {
      throw errors.reject(Problem.MISSING_PARAMETER, "scope");
    }
    if (settings.mode() == EmulatorMode.GOOGLE) {
      for (String scope : scopes) {
        if (Scopes.isGmail(scope)) {
          return errors.custom(400, "invalid_scope", "Invalid device flow scope: " + scope);
        }
      }
    }
    Duration ttl = lifetime();
    PendingDevice device = grants.devices().create(clientId, scopes, grants.now().plus(ttl), settings.deviceInterval());
    grants.rememberSecret(device.deviceCode);
    return Reply.json(200, body(device, ttl));
  }

  private ObjectNode body(PendingDevice device, Duration ttl) {
    ObjectNode body = Reply.JSON.createObjectNode();
    body.put("device_code", device.deviceCode);
    body.put("user_code", device.userCode);
    String page = verificationUri();
    switch (settings.mode()) {
      case GOOGLE -> body.put("verification_url", page);
      case MICROSOFT -> {
        body.put("verification_uri", page);
        body.put("message", "To sign in, use a web browser to open the page " + page + " and enter the code "
            + device.userCode + " to authenticate.");
      }
      default -> {
        body.put("verification_uri", page);
        body.put("verification_uri_complete", page + "?user_code=" + device.userCode);
      }
    }
    body.put("expires_in", ttl.toSeconds());
    body.put("interval", settings.deviceInterval().toSeconds());
    return body;
  }

  private String verificationUri() {
    return switch (settings.mode()) {
      case GOOGLE -> paths.base() + "/device";
      case MICROSOFT -> paths.base() + "/devicelogin";
      case GENERIC -> paths.base() + "/device";
    };
  }

  private Duration lifetime() {
    return switch (settings.mode()) {
      case GOOGLE -> Duration.ofSeconds(1800);
      case MICROSOFT -> Duration.ofSeconds(900);
      case GENERIC -> Duration.ofSeconds(600);
    };
  }
}
