package dev.mailtoken.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gmail API users.messages.send and Graph sendMail (MIME form): success and error shapes, counting, faults. */
class SendMailEndpointsTest {
  private static final String USER = "alice@example.com";
  private static final String MIME = "From: alice@example.com\r\nTo: bob@example.org\r\nSubject: hi?>\r\n\r\nbody ÿ\r\n";
  private static final String GRAPH_SEND = "https://graph.microsoft.com/Mail.Send";

  private final Http http = new Http();
  private final TestClock clock = TestClock.at(Emulators.START);

  private ProviderEmulator google() {
    return Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.GOOGLE).clock(clock));
  }

  private ProviderEmulator microsoft() {
    return Emulators.started(ProviderEmulator.builder().mode(EmulatorMode.MICROSOFT).clock(clock));
  }

  private HttpResponse<String> post(URI uri, String token, String contentType, String body) {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static String raw(String mime) {
    return "{\"raw\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(mime.getBytes(UTF_8)) + "\"}";
  }

  @Test
  void givenGmailSendScope_whenMessagesSend_then200WithSentLabelAndMessageRecorded() {
    try (ProviderEmulator google = google()) {
      String token = google.issueAccessToken(Emulators.CLIENT, USER, List.of("https://www.googleapis.com/auth/gmail.send"));

      HttpResponse<String> response = post(google.gmailSendEndpoint("me"), token, "application/json", raw(MIME));

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = Http.json(response);
      assertThat(body.get("id").asText()).isNotEmpty().isEqualTo(body.get("threadId").asText());
      assertThat(body.get("labelIds")).extracting(JsonNode::asText).containsExactly("SENT");
      assertThat(google.apiMessages()).singleElement().satisfies(m -> {
        assertThat(m.api()).isEqualTo("gmail");
        assertThat(m.user()).isEqualTo(USER);
        assertThat(m.text()).isEqualTo(MIME);
      });
      assertThat(google.requestCount(Endpoint.GMAIL_SEND)).isEqualTo(1);
    }
  }

  @Test
  void givenUserIdIsTheTokensAddress_whenMessagesSend_then200() {
    try (ProviderEmulator google = google()) {
      String token = google.issueAccessToken(Emulators.CLIENT, USER, List.of(Emulators.GMAIL));

      assertThat(post(google.gmailSendEndpoint(USER), token, "application/json", raw(MIME)).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void givenExpiredToken_whenMessagesSend_then401UnauthenticatedWithInvalidTokenChallenge() {
    try (ProviderEmulator google = google()) {
      String token = google.issueAccessToken(Emulators.CLIENT, USER, List.of(Emulators.GMAIL));
      clock.advance(Duration.ofHours(1));

      HttpResponse<String> response = post(google.gmailSendEndpoint("me"), token, "application/json", raw(MIME));

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
      assertThat(Http.json(response).at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
      assertThat(Http.json(response).at("/error/message").asText())
          .startsWith("Request had invalid authentication credentials. Expected OAuth 2 access token");
      assertThat(google.apiMessages()).isEmpty();
    }
  }

  @Test
  void givenReadonlyScope_whenMessagesSend_then403InsufficientScopes() {
    try (ProviderEmulator google = google()) {
      String token = google.issueAccessToken(Emulators.CLIENT, USER,
          List.of("https://www.googleapis.com/auth/gmail.readonly"));

      HttpResponse<String> response = post(google.gmailSendEndpoint("me"), token, "application/json", raw(MIME));

      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(Http.json(response).at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");
      assertThat(Http.json(response).at("/error/message").asText()).isEqualTo("Request had insufficient authentication scopes.");
    }
  }

  @Test
  void givenStandardBase64Raw_whenMessagesSend_then400InvalidArgument() {
    try (ProviderEmulator google = google()) {
      String token = google.issueAccessToken(Emulators.CLIENT, USER, List.of(Emulators.GMAIL));
      String standard = Base64.getEncoder().encodeToString((MIME + "ÿÿÿ").getBytes(UTF_8));
      assertThat(standard).containsAnyOf("+", "/");

      HttpResponse<String> response = post(google.gmailSendEndpoint("me"), token, "application/json",
          "{\"raw\":\"" + standard + "\"}");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(Http.json(response).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
    }
  }

  @Test
  void givenArmedFault_whenMessagesSend_thenFaultAnswersAndNothingRecorded() {
    try (ProviderEmulator google = google()) {
      String token = google.issueAccessToken(Emulators.CLIENT, USER, List.of(Emulators.GMAIL));
      google.faults().next(Endpoint.GMAIL_SEND, Fault.status(503, "{}"));

      assertThat(post(google.gmailSendEndpoint("me"), token, "application/json", raw(MIME)).statusCode()).isEqualTo(503);
      assertThat(google.apiMessages()).isEmpty();
      assertThat(google.requestCount(Endpoint.GMAIL_SEND)).isEqualTo(1);
    }
  }

  @Test
  void givenTooManyRequestsFault_whenMessagesSend_then429InGmailShapeWithRetryAfter() {
    try (ProviderEmulator google = google()) {
      String token = google.issueAccessToken(Emulators.CLIENT, USER, List.of(Emulators.GMAIL));
      google.faults().next(Endpoint.GMAIL_SEND, Fault.tooManyRequests(Duration.ofSeconds(30)));

      HttpResponse<String> response = post(google.gmailSendEndpoint("me"), token, "application/json", raw(MIME));

      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
      assertThat(Http.json(response).at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
    }
  }

  @Test
  void givenTooManyRequestsFault_whenSendMail_then429InGraphShapeWithRetryAfter() {
    try (ProviderEmulator ms = microsoft()) {
      String token = ms.issueAccessToken(Emulators.CLIENT, USER, List.of(GRAPH_SEND));
      ms.faults().next(Endpoint.GRAPH_SEND_MAIL, Fault.tooManyRequests(Duration.ofSeconds(7)));

      HttpResponse<String> response = post(ms.graphSendMailEndpoint(), token, "text/plain", b64(MIME));

      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
      assertThat(Http.json(response).at("/error/code").asText()).isEqualTo("ApplicationThrottled");
    }
  }

  @Test
  void givenGraphMailSendToken_whenMeSendMailWithBase64Mime_then202EmptyAndRecorded() {
    try (ProviderEmulator ms = microsoft()) {
      String token = ms.issueAccessToken(Emulators.CLIENT, USER, List.of(GRAPH_SEND));

      HttpResponse<String> response = post(ms.graphSendMailEndpoint(), token, "text/plain",
          Base64.getMimeEncoder().encodeToString(MIME.getBytes(UTF_8)));

      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(response.body()).isEmpty();
      assertThat(ms.apiMessages()).singleElement().satisfies(m -> {
        assertThat(m.api()).isEqualTo("graph");
        assertThat(m.user()).isEqualTo(USER);
        assertThat(m.text()).isEqualTo(MIME);
      });
      assertThat(ms.requestCount(Endpoint.GRAPH_SEND_MAIL)).isEqualTo(1);
    }
  }

  @Test
  void givenDelegatedToken_whenUsersUpnSendMail_then202() {
    try (ProviderEmulator ms = microsoft()) {
      String token = ms.issueAccessToken(Emulators.CLIENT, USER, List.of("Mail.Send"));

      assertThat(post(ms.graphSendMailEndpoint(USER), token, "text/plain", b64(MIME)).statusCode()).isEqualTo(202);
    }
  }

  @Test
  void givenExpiredToken_whenSendMail_then401InvalidAuthenticationToken() {
    try (ProviderEmulator ms = microsoft()) {
      String token = ms.issueAccessToken(Emulators.CLIENT, USER, List.of(GRAPH_SEND));
      clock.advance(Duration.ofHours(2));

      HttpResponse<String> response = post(ms.graphSendMailEndpoint(), token, "text/plain", b64(MIME));

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(Http.json(response).at("/error/code").asText()).isEqualTo("InvalidAuthenticationToken");
      assertThat(Http.json(response).at("/error/message").asText()).isEqualTo("Access token has expired or is not yet valid.");
    }
  }

  @Test
  void givenSmtpScopedToken_whenSendMail_then401ForTheWrongAudience() {
    try (ProviderEmulator ms = microsoft()) {
      String token = ms.issueAccessToken(Emulators.CLIENT, USER, List.of("https://outlook.office.com/SMTP.Send"));

      HttpResponse<String> response = post(ms.graphSendMailEndpoint(), token, "text/plain", b64(MIME));

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(Http.json(response).at("/error/code").asText()).isEqualTo("InvalidAuthenticationToken");
    }
  }

  @Test
  void givenGraphTokenWithoutMailSend_whenSendMail_then403ErrorAccessDenied() {
    try (ProviderEmulator ms = microsoft()) {
      String token = ms.issueAccessToken(Emulators.CLIENT, USER, List.of("https://graph.microsoft.com/User.Read"));

      HttpResponse<String> response = post(ms.graphSendMailEndpoint(), token, "text/plain", b64(MIME));

      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(Http.json(response).at("/error/code").asText()).isEqualTo("ErrorAccessDenied");
    }
  }

  @Test
  void givenBodyNotBase64_whenSendMail_then400ErrorMimeContentInvalidBase64String() {
    try (ProviderEmulator ms = microsoft()) {
      String token = ms.issueAccessToken(Emulators.CLIENT, USER, List.of(GRAPH_SEND));

      HttpResponse<String> response = post(ms.graphSendMailEndpoint(), token, "text/plain", MIME);

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(Http.json(response).at("/error/code").asText()).isEqualTo("ErrorMimeContentInvalidBase64String");
      assertThat(ms.apiMessages()).isEmpty();
    }
  }

  @Test
  void givenAppOnlyToken_whenMeSendMail_then400DelegatedOnly() {
    try (ProviderEmulator ms = microsoft()) {
      String token = ms.issueAccessToken(Emulators.CLIENT, Emulators.CLIENT, List.of("https://graph.microsoft.com/.default"));

      HttpResponse<String> response = post(ms.graphSendMailEndpoint(), token, "text/plain", b64(MIME));

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(Http.json(response).at("/error/message").asText())
          .isEqualTo("/me request is only valid with delegated authentication flow.");
    }
  }

  @Test
  void givenAppOnlyToken_whenUsersUpnSendMail_then202RecordedForTheMailbox() {
    try (ProviderEmulator ms = microsoft()) {
      String token = ms.issueAccessToken(Emulators.CLIENT, Emulators.CLIENT, List.of("https://graph.microsoft.com/.default"));

      assertThat(post(ms.graphSendMailEndpoint(USER), token, "text/plain", b64(MIME)).statusCode()).isEqualTo(202);
      assertThat(ms.apiMessages()).singleElement().extracting(ApiMessage::user).isEqualTo(USER);
    }
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
  }
}
