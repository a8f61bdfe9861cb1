package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.MailtokenException;
import dev.mailtoken.TransientException;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the Gmail API and Graph transports read a failed answer: core's HTTP toolkit (transient
 * statuses, {@code Retry-After} in both forms, redacted excerpts, a response size cap) and its
 * policy for requests that carry a token (https except loopback).
 */
class HttpApiFailureTest {
  private static final String ALICE = "alice@example.com";
  private static final String GMAIL_SEND = "https://www.googleapis.com/auth/gmail.send";
  private static final String GRAPH_MAIL_SEND = "https://graph.microsoft.com/Mail.Send";
  /** Short and plain enough that no pattern-based redaction would notice it: only knowing what was sent helps. */
  private static final String SHORT_TOKEN = "Short-Tok3n.xyz~12";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;

  @AfterEach
  void stop() {
    rig.close();
  }

  private void alice(String scope) {
    String token = rig.provider.issueAccessToken(MailRig.CLIENT_ID, ALICE, List.of(scope));
    fixedToken(token);
  }

  private void fixedToken(String token) {
    logs.forbid(token);
    // The same token on every call, renewals included: a second 401 ends the send.
    rig.tokens.register(new Account(ALICE, new CallbackGrant(
        (account, renew) -> AccessToken.of(token, rig.clock.instant().plus(Duration.ofHours(1))))));
  }

  private Mailer gmail() {
    return rig.mailer(GmailApi.builder().baseUri(rig.provider.baseUri()).build());
  }

  private Mailer graph() {
    return rig.mailer(GraphApi.builder().baseUri(rig.provider.baseUri()).build());
  }

  @Test
  void givenGmailApiAnswers503_whenSending_thenTransientException() {
    rig = MailRig.gmail(logs);
    alice(GMAIL_SEND);
    rig.provider.faults().next(Endpoint.GMAIL_SEND, Fault.status(503,
        "{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}"));

    assertThatThrownBy(() -> gmail().send(MailRig.message(ALICE, "bob@example.org", "503")))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("gmail-api");
  }

  @Test
  void givenGraphAnswers502_whenSending_thenTransientException() {
    rig = MailRig.exchange(logs);
    alice(GRAPH_MAIL_SEND);
    rig.provider.faults().next(Endpoint.GRAPH_SEND_MAIL, Fault.html(502));

    assertThatThrownBy(() -> graph().send(MailRig.message(ALICE, "bob@example.org", "502")))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("HTTP 502");
  }

  @Test
  void givenGmailApiThrottlesWithAnHttpDate_whenSending_thenRetryAfterIsMeasuredFromTheMailersClock() {
    rig = MailRig.gmail(logs);
    alice(GMAIL_SEND);
    rig.provider.faults().next(Endpoint.GMAIL_SEND,
        Fault.tooManyRequests(rig.clock.instant().plusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));

    assertThatThrownBy(() -> gmail().send(MailRig.message(ALICE, "bob@example.org", "429 date")))
        .isInstanceOfSatisfying(TransientException.class, e -> assertThat(e.retryAfter()).hasValueSatisfying(
            wait -> assertThat(wait).isBetween(Duration.ofSeconds(119), Duration.ofSeconds(120))));
  }

  @Test
  void givenGraphThrottlesForAYear_whenSending_thenRetryAfterIsCappedAtOneDay() {
    rig = MailRig.exchange(logs);
    alice(GRAPH_MAIL_SEND);
    rig.provider.faults().next(Endpoint.GRAPH_SEND_MAIL, Fault.tooManyRequests(Duration.ofDays(365)));

    assertThatThrownBy(() -> graph().send(MailRig.message(ALICE, "bob@example.org", "429 year")))
        .isInstanceOfSatisfying(TransientException.class,
            e -> assertThat(e.retryAfter()).hasValue(Duration.ofDays(1)));
  }

  @Test
  void givenAnErrorBodyEchoingTheAccessToken_whenSending_thenTheTokenIsRedactedFromTheException() {
    rig = MailRig.gmail(logs);
    fixedToken(SHORT_TOKEN);
    rig.provider.faults().next(Endpoint.GMAIL_SEND, Fault.status(400,
        "{\"error\":{\"code\":400,\"message\":\"bad request with Authorization: Bearer " + SHORT_TOKEN + "\"}}"));

    assertThatThrownBy(() -> gmail().send(MailRig.message(ALICE, "bob@example.org", "echo")))
        .isInstanceOf(MailApiException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("<redacted>")
        .hasMessageNotContaining(SHORT_TOKEN);
  }

  @Test
  void givenA401BodyEchoingTheAccessToken_whenSending_thenTheTokenIsRedactedFromTheRejection() {
    rig = MailRig.exchange(logs);
    fixedToken(SHORT_TOKEN);
    rig.provider.faults().next(Endpoint.GRAPH_SEND_MAIL, 2, Fault.status(401,
        "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"token " + SHORT_TOKEN + " is invalid\"}}"));

    assertThatThrownBy(() -> graph().send(MailRig.message(ALICE, "bob@example.org", "echo 401")))
        .isInstanceOf(AuthenticationRejectedException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining(SHORT_TOKEN);
  }

  @Test
  void givenAnErrorBodyLargerThanTheCap_whenSending_thenItIsNotReadAndTheFailureSaysSo() {
    rig = MailRig.gmail(logs);
    alice(GMAIL_SEND);
    rig.provider.faults().next(Endpoint.GMAIL_SEND, Fault.status(400, "x".repeat(2 * 1024 * 1024)));

    assertThatThrownBy(() -> gmail().send(MailRig.message(ALICE, "bob@example.org", "huge")))
        .isInstanceOf(MailApiException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("larger than")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1000));
  }

  @Test
  void givenASuccessBodyLargerThanTheCap_whenSending_thenNotTransientBecauseTheMessageWasProbablySent() {
    rig = MailRig.gmail(logs);
    alice(GMAIL_SEND);
    rig.provider.faults().next(Endpoint.GMAIL_SEND, Fault.status(200, "{\"id\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"));

    assertThatThrownBy(() -> gmail().send(MailRig.message(ALICE, "bob@example.org", "huge 200")))
        .isInstanceOfSatisfying(MailtokenException.class, e -> {
          assertThat(e.isTransient()).isFalse();
          assertThat(e).isNotInstanceOf(TransientException.class);
          assertThat(e.getMessage()).contains("HTTP 200").contains("larger than").contains("probably sent");
        });
  }

  /**
   * 0.0.0.0 is not a loopback literal, yet on Linux a connection to it lands on this machine, so
   * before the policy the token reached the emulator; after it, nothing is sent to anyone.
   */
  @Test
  void givenPlainHttpGmailApiOffLoopback_whenSending_thenRefusedBeforeAnyRequest() {
    rig = MailRig.gmail(logs);
    alice(GMAIL_SEND);
    URI offLoopback = URI.create("http://0.0.0.0:" + rig.provider.baseUri().getPort());
    Mailer mailer = rig.mailer(GmailApi.builder().baseUri(offLoopback).build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "plain http")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("https")
        .hasMessageContaining(offLoopback.toString());
    assertThat(rig.provider.requestCount(Endpoint.GMAIL_SEND)).isZero();
  }

  @Test
  void givenPlainHttpGraphOnAHostName_whenSending_thenRefusedWithoutLookingTheNameUp() {
    rig = MailRig.exchange(logs);
    alice(GRAPH_MAIL_SEND);
    Mailer mailer = rig.mailer(GraphApi.builder().baseUri(URI.create("http://mail.example.test")).build());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "plain http name")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("http://mail.example.test/v1.0/me/sendMail");
  }
}
