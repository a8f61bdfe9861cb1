package dev.mailtoken.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtoken.ConfigurationException;
import dev.mailtoken.TransientException;
import dev.mailtoken.testkit.ApiMessage;
import dev.mailtoken.testkit.Endpoint;
import dev.mailtoken.testkit.Fault;
import dev.mailtoken.testsupport.LogCapture;
import dev.mailtoken.token.AccessToken;
import dev.mailtoken.token.Account;
import dev.mailtoken.token.CallbackGrant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Gmail API users.messages.send and Graph sendMail against the provider emulator's endpoints. */
class HttpTransportTest {
  private static final String ALICE = "alice@example.com";
  private static final String GMAIL_SEND = "https://www.googleapis.com/auth/gmail.send";
  private static final String GRAPH_MAIL_SEND = "https://graph.microsoft.com/Mail.Send";

  @RegisterExtension final LogCapture logs = new LogCapture();
  private MailRig rig;
  private final AtomicInteger minted = new AtomicInteger();
  private final AtomicInteger renewals = new AtomicInteger();

  @AfterEach
  void stop() {
    rig.close();
  }

  /** ALICE gets tokens with {@code scope}; when {@code firstIsStale}, the first one is revoked at once. */
  private void alice(String scope, boolean firstIsStale) {
    rig.tokens.register(new Account(ALICE, new CallbackGrant((account, renew) -> {
      if (renew) {
        renewals.incrementAndGet();
      }
      String token = rig.provider.issueAccessToken(MailRig.CLIENT_ID, account, List.of(scope));
      if (minted.incrementAndGet() == 1 && firstIsStale) {
        rig.provider.revoke(token);
      }
      return AccessToken.of(token, rig.clock.instant().plus(Duration.ofHours(1)));
    })));
  }

  private GmailApi gmail() {
    return GmailApi.builder().baseUri(rig.provider.baseUri()).build();
  }

  private GraphApi graph() {
    return GraphApi.builder().baseUri(rig.provider.baseUri()).build();
  }

  @Test
  void givenGmailSendScopeOnly_whenSendingThroughTheGmailApi_thenMessageIsSentWithGmailsId() throws Exception {
    rig = MailRig.gmail(logs);
    alice(GMAIL_SEND, false);
    Mailer mailer = rig.mailer(gmail());

    SendResult result = mailer.send(MailRig.message(ALICE, "bob@example.org", "via gmail api"));

    assertThat(result.transport()).isEqualTo("gmail-api");
    assertThat(result.serverReply()).contains("\"id\"");
    List<ApiMessage> sent = rig.provider.apiMessages();
    assertThat(sent).extracting(ApiMessage::api).containsExactly("gmail");
    assertThat(sent.get(0).user()).isEqualTo(ALICE);
    assertThat(sent.get(0).text()).contains("Message-ID: " + result.messageId()).contains("via gmail api");
  }

  @Test
  void givenGmailApiAnswers401ToTheCachedToken_whenSending_thenRenewedOnceAndSent() throws Exception {
    rig = MailRig.gmail(logs);
    alice(GMAIL_SEND, true);
    Mailer mailer = rig.mailer(gmail());

    mailer.send(MailRig.message(ALICE, "bob@example.org", "gmail 401"));

    assertThat(renewals).hasValue(1);
    assertThat(rig.provider.requestCount(Endpoint.GMAIL_SEND)).isEqualTo(2);
    assertThat(rig.provider.apiMessages()).hasSize(1);
  }

  @Test
  void givenGmailApiRejectsTheRenewedTokenToo_whenSending_thenAuthenticationRejectedAfterOneRenewal() {
    rig = MailRig.gmail(logs);
    rig.tokens.register(new Account(ALICE, new CallbackGrant((account, renew) -> {
      if (renew) {
        renewals.incrementAndGet();
      }
      String token = rig.provider.issueAccessToken(MailRig.CLIENT_ID, account, List.of(GMAIL_SEND));
      rig.provider.revoke(token);   // every token is dead on arrival
      return AccessToken.of(token, rig.clock.instant().plus(Duration.ofHours(1)));
    })));
    Mailer mailer = rig.mailer(gmail());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "dead tokens")))
        .isInstanceOf(AuthenticationRejectedException.class)
        .hasMessageContaining("HTTP 401");
    assertThat(renewals).hasValue(1);
    assertThat(rig.provider.requestCount(Endpoint.GMAIL_SEND)).isEqualTo(2);
    assertThat(rig.provider.apiMessages()).isEmpty();
  }

  @Test
  void givenTokenWithoutASendScope_whenSendingThroughTheGmailApi_thenConfigurationErrorNamingTheScope() {
    rig = MailRig.gmail(logs);
    alice("https://www.googleapis.com/auth/gmail.readonly", false);
    Mailer mailer = rig.mailer(gmail());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "403")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("gmail.send");
    assertThat(renewals).hasValue(0);
  }

  @Test
  void givenGmailApiThrottles_whenSending_thenTransientWithRetryAfter() {
    rig = MailRig.gmail(logs);
    alice(GMAIL_SEND, false);
    rig.provider.faults().next(Endpoint.GMAIL_SEND, Fault.tooManyRequests(Duration.ofSeconds(30)));
    Mailer mailer = rig.mailer(gmail());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "429")))
        .isInstanceOfSatisfying(TransientException.class,
            e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(30)));
  }

  @Test
  void givenGraphMailSendToken_whenSendingThroughGraph_thenMimeMessageIsAccepted() throws Exception {
    rig = MailRig.exchange(logs);
    alice(GRAPH_MAIL_SEND, false);
    Mailer mailer = rig.mailer(graph());

    SendResult result = mailer.send(MailRig.message(ALICE, "bob@example.org", "via graph"));

    assertThat(result.transport()).isEqualTo("graph");
    assertThat(rig.provider.apiMessages()).singleElement().satisfies(m -> {
      assertThat(m.api()).isEqualTo("graph");
      assertThat(m.user()).isEqualTo(ALICE);
      assertThat(m.text()).contains("Message-ID: " + result.messageId());
    });
  }

  @Test
  void givenGraphAnswers401ToTheCachedToken_whenSending_thenRenewedOnceAndSent() throws Exception {
    rig = MailRig.exchange(logs);
    alice(GRAPH_MAIL_SEND, true);
    Mailer mailer = rig.mailer(graph());

    mailer.send(MailRig.message(ALICE, "bob@example.org", "graph 401"));

    assertThat(renewals).hasValue(1);
    assertThat(rig.provider.requestCount(Endpoint.GRAPH_SEND_MAIL)).isEqualTo(2);
    assertThat(rig.provider.apiMessages()).hasSize(1);
  }

  @Test
  void givenGraphRejectsTheRenewedTokenToo_whenSending_thenAuthenticationRejectedAfterOneRenewal() {
    rig = MailRig.exchange(logs);
    alice(MailRig.EXCHANGE_SCOPE, false);
    Mailer mailer = rig.mailer(graph());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "smtp token on graph")))
        .isInstanceOf(AuthenticationRejectedException.class)
        .hasMessageContaining("HTTP 401");
    assertThat(renewals).hasValue(1);
    assertThat(rig.provider.requestCount(Endpoint.GRAPH_SEND_MAIL)).isEqualTo(2);
  }

  @Test
  void givenGraphTokenWithoutMailSend_whenSending_thenConfigurationErrorNamingMailSend() {
    rig = MailRig.exchange(logs);
    alice("https://graph.microsoft.com/Mail.Read", false);
    Mailer mailer = rig.mailer(graph());

    assertThatThrownBy(() -> mailer.send(MailRig.message(ALICE, "bob@example.org", "graph 403")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Mail.Send");
  }

  @Test
  void givenAppOnlyGraphToken_whenSendingWithPerUserPath_thenSentAsTheAccountsMailbox() throws Exception {
    rig = MailRig.exchange(logs);
    rig.tokens.register(new Account(ALICE, new CallbackGrant((account, renew) -> AccessToken.of(
        rig.provider.issueAccessToken(MailRig.CLIENT_ID, MailRig.CLIENT_ID, List.of("https://graph.microsoft.com/.default")),
        rig.clock.instant().plus(Duration.ofHours(1))))));
    Mailer mailer = rig.mailer(GraphApi.builder().baseUri(rig.provider.baseUri()).perUserPath(true).build());

    mailer.send(MailRig.message(ALICE, "bob@example.org", "app-only"));

    assertThat(rig.provider.apiMessages()).extracting(ApiMessage::user).containsExactly(ALICE);
  }
}
