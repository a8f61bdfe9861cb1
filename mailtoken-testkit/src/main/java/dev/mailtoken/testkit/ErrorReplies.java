package dev.mailtoken.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders errors in the mode's wire shape: Google/RFC {@code {"error","error_description"}}, or
 * Microsoft's with AADSTS text, {@code error_codes}, trace and correlation ids and timestamp.
 * Stateless apart from the clock; thread-safe.
 */
final class ErrorReplies {
  private static final DateTimeFormatter MS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final Pattern AADSTS = Pattern.compile("^AADSTS(\\d+):");

  private final EmulatorMode mode;
  private final Clock clock;

  ErrorReplies(EmulatorMode mode, Clock clock) {
    this.mode = mode;
    this.clock = clock;
  }

  /** A rejection to throw from a handler. */
  Rejection reject(Problem problem, Object... args) {
    return new Rejection(reply(problem, args));
  }

  Reply reply(Problem problem, Object... args) {
    if (mode == EmulatorMode.MICROSOFT) {
      String text = "AADSTS" + problem.aadsts + ": " + String.format(Locale.ROOT, problem.msDescription, args);
      return microsoft(problem.msStatus, problem.msError, text, problem.aadsts, suberror(problem));
    }
    String description = problem.description.contains("%s")
        ? String.format(Locale.ROOT, problem.description, args) : problem.description;
    return oauth(problem.status, problem.error, description);
  }

  /** An arbitrary OAuth error in this mode's shape (for {@link Fault#oauthError}). */
  Reply custom(int status, String error, String description) {
    if (mode == EmulatorMode.MICROSOFT) {
      Matcher m = AADSTS.matcher(description);
      return microsoft(status, error, description, m.find() ? Integer.parseInt(m.group(1)) : -1, null);
    }
    return oauth(status, error, description);
  }

  private static Reply oauth(int status, String error, String description) {
    ObjectNode body = Reply.JSON.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    Reply reply = Reply.json(status, body);
    return status == 401 && error.equals("invalid_client")
        ? reply.withHeader("WWW-Authenticate", "Basic realm=\"provider-emulator\"") : reply;
  }

  /** MSAL's classification of an {@code invalid_grant} (provider-spec D.4): only consent is modelled. */
  private static String suberror(Problem problem) {
    return problem == Problem.CONSENT_REQUIRED ? "consent_required" : null;
  }

  private Reply microsoft(int status, String error, String text, int code, String suberror) {
    String timestamp = MS_TIME.format(clock.instant());
    String traceId = UUID.randomUUID().toString();
    String correlationId = UUID.randomUUID().toString();
    ObjectNode body = Reply.JSON.createObjectNode();
    body.put("error", error);
    body.put("error_description",
        text + "\r\nTrace ID: " + traceId + "\r\nCorrelation ID: " + correlationId + "\r\nTimestamp: " + timestamp);
    if (code >= 0) {
      body.putArray("error_codes").add(code);
    } else {
      body.putArray("error_codes");
    }
    body.put("timestamp", timestamp);
    body.put("trace_id", traceId);
    body.put("correlation_id", correlationId);
    if (suberror != null) {
      body.put("suberror", suberror);
    }
    if (code >= 0) {
      body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
    }
    return Reply.json(status, body);
  }

  /** The authorization endpoint's error page: shown to the user, never redirected (RFC 6749 §4.1.2.1). */
  Reply page(int status, String error, String googleText, String microsoftText) {
    if (mode == EmulatorMode.MICROSOFT) {
      return Reply.html(status, "Sign in to your account", microsoftText);
    }
    return Reply.html(status, "Error " + status + ": " + error, googleText);
  }
}
