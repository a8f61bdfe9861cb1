package dev.mailtoken.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The HTTP send endpoints: Gmail API {@code users.messages.send} (JSON {@code {"raw": base64url}}) and
 * Graph {@code sendMail} in its MIME form ({@code text/plain}, base64 body), with their success and
 * error shapes (provider-spec.md C.5, D.6). Accepted messages go to the {@link ApiOutbox}. Thread-safe.
 */
final class SendMailHandler {
  private static final Set<String> GMAIL_SEND_SCOPES = Set.of("https://mail.google.com/",
      "https://www.googleapis.com/auth/gmail.modify", "https://www.googleapis.com/auth/gmail.compose",
      "https://www.googleapis.com/auth/gmail.send");
  private static final String GOOGLE_REALM = "Bearer realm=\"https://accounts.google.com/\"";
  private static final String GRAPH = "https://graph.microsoft.com";
  private static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

  private final EmulatorSettings settings;
  private final GrantStore grants;
  private final ApiOutbox outbox;

  SendMailHandler(EmulatorSettings settings, GrantStore grants, ApiOutbox outbox) {
    this.settings = settings;
    this.grants = grants;
    this.outbox = outbox;
  }

  static boolean serves(Endpoint endpoint) {
    return endpoint == Endpoint.GMAIL_SEND || endpoint == Endpoint.GRAPH_SEND_MAIL;
  }

  /** A 429 in the API's own error shape (for {@link Fault#tooManyRequests}); the caller adds Retry-After. */
  Reply tooManyRequests(Endpoint endpoint) {
    if (endpoint == Endpoint.GMAIL_SEND) {
      return google(429, "User-rate limit exceeded.  Retry after the time given in the Retry-After header.",
          "RESOURCE_EXHAUSTED", "User-rate limit exceeded.");
    }
    return graphError(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.");
  }

  Reply gmail(Request request) {
    if (!request.method().equals("POST")) {
      return google(405, "Method Not Allowed", "METHOD_NOT_ALLOWED", "Request method not supported.");
    }
    Optional<TokenInfo> info = bearer(request);
    if (info.isEmpty()) {
      return google(401, "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
          + "cookie or other valid authentication credential. See "
          + "https://developers.google.com/identity/sign-in/web/devconsole-project.", "UNAUTHENTICATED",
          "Invalid Credentials").withHeader("WWW-Authenticate", GOOGLE_REALM + ", error=\"invalid_token\"");
    }
    TokenInfo token = info.get();
    if (token.scopes().stream().noneMatch(GMAIL_SEND_SCOPES::contains)) {
      return google(403, "Request had insufficient authentication scopes.", "PERMISSION_DENIED",
          "Insufficient Permission").withHeader("WWW-Authenticate", GOOGLE_REALM
          + ", error=\"insufficient_scope\", scope=\"https://www.googleapis.com/auth/gmail.send\"");
    }
    String userId = request.path().substring("/gmail/v1/users/".length(),
        request.path().length() - "/messages/send".length());
    if (!userId.equals("me") && !userId.equalsIgnoreCase(token.user())) {
      return google(403, "Delegation denied for " + token.user(), "PERMISSION_DENIED", "Delegation denied");
    }
    Optional<byte[]> mime = gmailRaw(request.body());
    if (mime.isEmpty()) {
      return google(400, "Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed.",
          "INVALID_ARGUMENT", "Invalid value");
    }
    outbox.add(new ApiMessage("gmail", token.user(), mime.get()));
    String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    ObjectNode body = Reply.JSON.createObjectNode();
    body.put("id", id);
    body.put("threadId", id);
    body.putArray("labelIds").add("SENT");
    return Reply.json(200, body);
  }

  /** The decoded {@code raw} field: base64url only (T-C-09: '+' or '/' is rejected), padding optional. */
  private static Optional<byte[]> gmailRaw(byte[] body) {
    try {
      JsonNode raw = Reply.JSON.readTree(body).path("raw");
      String text = raw.isTextual() ? raw.asText() : "";
      if (text.isEmpty() || text.indexOf('+') >= 0 || text.indexOf('/') >= 0) {
        return Optional.empty();
      }
      return Optional.of(Base64.getUrlDecoder().decode(text));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Reply google(int status, String message, String statusName, String reason) {
    ObjectNode error = Reply.JSON.createObjectNode();
    error.put("code", status);
    error.put("message", message);
    ObjectNode detail = error.putArray("errors").addObject();
    detail.put("message", reason);
    detail.put("domain", "global");
    detail.put("reason", status == 401 ? "authError" : status == 403 ? "insufficientPermissions"
        : status == 429 ? "userRateLimitExceeded" : "badRequest");
    error.put("status", statusName);
    ObjectNode body = Reply.JSON.createObjectNode();
    body.set("error", error);
    return Reply.json(status, body);
  }

  Reply graph(Request request) {
    if (!request.method().equals("POST")) {
      return graphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
    }
    Optional<TokenInfo> info = bearer(request);
    if (info.isEmpty()) {
      return graphError(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.")
          .withHeader("WWW-Authenticate", "Bearer realm=\"\", authorization_uri="
              + "\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"" + GRAPH_APP_ID + "\"");
    }
    TokenInfo token = info.get();
    if (settings.mode() == EmulatorMode.MICROSOFT && !token.audience().equals(GRAPH)) {
      return graphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
    }
    boolean appOnly = token.user().equals(token.clientId());
    String mailbox = request.path().equals("/v1.0/me/sendMail") ? null
        : request.path().substring("/v1.0/users/".length(), request.path().length() - "/sendMail".length());
    if (mailbox == null && appOnly) {
      return graphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
    }
    boolean mailSend = token.scopes().contains(GRAPH + "/Mail.Send") || token.scopes().contains("Mail.Send")
        || (appOnly && token.scopes().contains(GRAPH + "/.default"));
    if (!mailSend || (mailbox != null && !appOnly && !mailbox.equalsIgnoreCase(token.user()))) {
      return graphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    }
    String contentType = Optional.ofNullable(request.header("content-type")).orElse("").toLowerCase(Locale.ROOT);
    if (contentType.startsWith("application/json")) {
      return graphError(400, "RequestBodyRead", "The JSON message form is not emulated; send the MIME form "
          + "(Content-Type: text/plain, body = base64 MIME).");
    }
    Optional<byte[]> mime = base64Mime(request.body());
    if (mime.isEmpty()) {
      return graphError(400, "ErrorMimeContentInvalidBase64String", "Invalid base64 string for MIME content.");
    }
    outbox.add(new ApiMessage("graph", mailbox == null ? token.user() : mailbox, mime.get()));
    return new Reply(202, Map.of(), new byte[0]);
  }

  /** Standard base64 (line breaks tolerated) of something with a header line; empty otherwise. */
  private static Optional<byte[]> base64Mime(byte[] body) {
    String text = new String(body, StandardCharsets.US_ASCII).replaceAll("\\s", "");
    try {
      byte[] mime = Base64.getDecoder().decode(text);
      String start = new String(mime, 0, Math.min(mime.length, 1000), StandardCharsets.ISO_8859_1);
      int colon = start.indexOf(':');
      return colon > 0 && start.substring(0, colon).matches("[!-9;-~]+") ? Optional.of(mime) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Reply graphError(int status, String code, String message) {
    ObjectNode error = Reply.JSON.createObjectNode();
    error.put("code", code);
    error.put("message", message);
    ObjectNode inner = error.putObject("innerError");
    inner.put("date", settings.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    inner.put("request-id", UUID.randomUUID().toString());
    inner.put("client-request-id", UUID.randomUUID().toString());
    ObjectNode body = Reply.JSON.createObjectNode();
    body.set("error", error);
    return Reply.json(status, body);
  }

  private Optional<TokenInfo> bearer(Request request) {
    return request.bearerToken().flatMap(grants::introspect);
  }
}
